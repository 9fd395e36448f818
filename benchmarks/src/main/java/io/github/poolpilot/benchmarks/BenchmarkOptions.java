package io.github.poolpilot.benchmarks;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of {@link BenchmarkRunner}, parsed by picocli: a bad option fails with one
 * line that names it.
 *
 * @author Pool Pilot contributors
 */
@Command(name = "java -jar benchmarks/target/benchmarks.jar", mixinStandardHelpOptions = true,
		description = "Pool Pilot's JMH benchmarks against plain HikariCP and the decorators users pick instead.")
final class BenchmarkOptions {

	@Option(names = "--quick", description = "Short iterations, the default: a few minutes on two cores.")
	private boolean quick;

	@Option(names = "--full", description = "Longer iterations and more rounds, for published figures.")
	private boolean full;

	@Option(names = "--guard", description = "Run the guard's per-call check instead of the pool cycles.")
	private boolean guard;

	@Option(names = "--database",
			description = "Run only the real-database cycle (DatabaseCycleBench) on a loopback PostgreSQL.")
	private boolean database;

	@Option(names = "--variants", split = ",", paramLabel = "VARIANT",
			description = "Only these variants, such as hikari,poolpilot.")
	private List<String> variants = new ArrayList<>();

	@Option(names = "--benchmarks", paramLabel = "REGEX",
			description = "Only the benchmarks matching this JMH pattern; may be repeated.")
	private List<String> benchmarks = new ArrayList<>();

	@Option(names = "--rounds", paramLabel = "N", description = "Rounds of one fork of every benchmark.")
	private @Nullable Integer rounds;

	@Option(names = "--out", paramLabel = "DIR", description = "Where to write the results (default: next to the jar).")
	private @Nullable Path out;

	/**
	 * Parse the command line.
	 * @param args the arguments
	 * @param help where to print the usage when {@code --help} is asked for
	 * @return the options, or {@code null} when only the usage or version was asked for
	 * @throws ParameterException if an option is unknown or its value is bad
	 */
	static @Nullable BenchmarkOptions parse(String[] args, PrintWriter help) {
		BenchmarkOptions options = new BenchmarkOptions();
		CommandLine command = new CommandLine(options);
		command.parseArgs(args);
		if (command.isUsageHelpRequested() || command.isVersionHelpRequested()) {
			command.usage(help);
			return null;
		}
		if (options.quick && options.full) {
			throw new ParameterException(command, "--quick and --full exclude each other");
		}
		if (options.rounds != null && options.rounds < 1) {
			throw new ParameterException(command, "--rounds must be at least 1, not " + options.rounds);
		}
		for (String variant : options.variants) {
			try {
				Variant.of(variant);
			}
			catch (IllegalArgumentException ex) {
				throw new ParameterException(command, "--variants: " + ex.getMessage());
			}
		}
		if (options.database && !options.benchmarks.isEmpty()) {
			throw new ParameterException(command, "--database and --benchmarks exclude each other");
		}
		return options;
	}

	boolean full() {
		return this.full;
	}

	boolean guard() {
		return this.guard;
	}

	List<String> variants() {
		return this.variants;
	}

	/**
	 * Return the JMH patterns to include, none meaning the default set.
	 * @return the patterns
	 */
	List<String> benchmarks() {
		return this.database ? List.of(DatabaseCycleBench.class.getName()) : this.benchmarks;
	}

	@Nullable Integer rounds() {
		return this.rounds;
	}

	@Nullable Path out() {
		return this.out;
	}

}
