package io.github.poolpilot.benchmarks.scenario;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of {@link ScenarioRunner}, parsed by picocli: a bad option fails with one
 * line that names it.
 *
 * @author Pool Pilot contributors
 */
@Command(name = "java -cp benchmarks/target/benchmarks.jar io.github.poolpilot.benchmarks.scenario.ScenarioRunner",
		mixinStandardHelpOptions = true,
		description = "Load scenarios against a fresh embedded PostgreSQL on 127.0.0.1 for each run.")
final class ScenarioOptions {

	@Option(names = "--quick", description = "Shorter phases, for a smoke run.")
	private boolean quick;

	@Option(names = "--only", split = ",", paramLabel = "SCENARIO",
			defaultValue = "io-bound,cpu-bound,spike,surge,rise,ramp",
			description = "Only these scenarios (default: ${DEFAULT-VALUE}).")
	private Set<String> only = Set.of();

	@Option(names = "--out", paramLabel = "DIR", defaultValue = "benchmarks/target/scenarios",
			description = "Where to write the results (default: ${DEFAULT-VALUE}).")
	private Path out = Path.of("");

	@Option(names = "--docs", paramLabel = "DIR", description = "Copy the final files there as well.")
	private @Nullable Path docs;

	@Option(names = "--best", paramLabel = "N",
			description = "CPU-bound: skip the sweep and take N as the best static size.")
	private @Nullable Integer best;

	@Option(names = "--contenders", split = ",", paramLabel = "CONTENDER",
			defaultValue = "poolpilot,static-10,static-50,flexypool",
			description = "I/O-bound and spike: run only these; CPU-bound: run only these after the best static "
					+ "size, and poolpilot-fixed adds Pool Pilot recommending only, on a fixed pool of the best size "
					+ "(default: ${DEFAULT-VALUE}).")
	private Set<String> contenders = Set.of();

	@Option(names = "--fleet",
			description = "Run only the fleet scenario: three replicas in JVMs of their own on one database.")
	private boolean fleet;

	@Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
			description = "Every scenario but CPU-bound: run each contender N times, in rounds, and check the "
					+ "targets on the median (default: ${DEFAULT-VALUE}).")
	private int repeat = 1;

	/**
	 * Parse the command line.
	 * @param args the arguments
	 * @param help where to print the usage when {@code --help} is asked for
	 * @return the options, or {@code null} when only the usage or version was asked for
	 * @throws ParameterException if an option is unknown or its value is bad
	 */
	static @Nullable ScenarioOptions parse(String[] args, PrintWriter help) {
		ScenarioOptions options = new ScenarioOptions();
		CommandLine command = new CommandLine(options);
		command.parseArgs(args);
		if (command.isUsageHelpRequested() || command.isVersionHelpRequested()) {
			command.usage(help);
			return null;
		}
		if (options.best != null && options.best < 1) {
			throw new ParameterException(command, "--best must be at least 1, not " + options.best);
		}
		if (options.repeat < 1) {
			throw new ParameterException(command, "--repeat must be at least 1, not " + options.repeat);
		}
		return options;
	}

	boolean quick() {
		return this.quick;
	}

	Set<String> only() {
		return this.only;
	}

	Path out() {
		return this.out;
	}

	@Nullable Path docs() {
		return this.docs;
	}

	@Nullable Integer best() {
		return this.best;
	}

	Set<String> contenders() {
		return this.contenders;
	}

	boolean fleet() {
		return this.fleet;
	}

	int repeat() {
		return this.repeat;
	}

}
