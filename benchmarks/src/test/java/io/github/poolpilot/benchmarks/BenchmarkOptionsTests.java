package io.github.poolpilot.benchmarks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BenchmarkOptions}: the flags of the existing commands keep working,
 * and a bad one is named.
 */
class BenchmarkOptionsTests {

	private final StringWriter help = new StringWriter();

	@Test
	void noFlagsIsTheQuickDefaultSet() {
		BenchmarkOptions options = parse();
		assertThat(options.full()).isFalse();
		assertThat(options.guard()).isFalse();
		assertThat(options.variants()).isEmpty();
		assertThat(options.benchmarks()).isEmpty();
		assertThat(options.rounds()).isNull();
		assertThat(options.out()).isNull();
	}

	@Test
	void flagsOfTheExistingCommandsAreRead() {
		BenchmarkOptions options = parse("--full", "--variants=hikari,poolpilot", "--variants=flexypool",
				"--benchmarks=ConnectionBench", "--rounds=2", "--out=/tmp/bench");
		assertThat(options.full()).isTrue();
		assertThat(options.variants()).containsExactly("hikari", "poolpilot", "flexypool");
		assertThat(options.benchmarks()).containsExactly("ConnectionBench");
		assertThat(options.rounds()).isEqualTo(2);
		assertThat(options.out()).isEqualTo(Path.of("/tmp/bench"));
	}

	@Test
	void guardAndQuickAreFlags() {
		BenchmarkOptions options = parse("--quick", "--guard");
		assertThat(options.guard()).isTrue();
		assertThat(options.full()).isFalse();
	}

	@Test
	void databaseSelectsTheDatabaseCycle() {
		assertThat(parse("--database").benchmarks()).containsExactly(DatabaseCycleBench.class.getName());
	}

	@Test
	void unknownFlagIsNamed() {
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--fast"))
			.withMessageContaining("'--fast'");
	}

	@Test
	void badRoundsAreNamed() {
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--rounds=many"))
			.withMessageContaining("--rounds")
			.withMessageContaining("many");
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--rounds=0"))
			.withMessage("--rounds must be at least 1, not 0");
	}

	@Test
	void unknownVariantIsNamed() {
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--variants=hikari,c3p0"))
			.withMessage("--variants: Unknown variant 'c3p0'");
	}

	@Test
	void quickAndFullExcludeEachOther() {
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--quick", "--full"))
			.withMessage("--quick and --full exclude each other");
	}

	@Test
	void helpPrintsTheUsageAndRunsNothing() {
		assertThat(BenchmarkOptions.parse(new String[] { "--help" }, new PrintWriter(this.help, true))).isNull();
		assertThat(this.help.toString()).contains("--database").contains("--variants=VARIANT");
	}

	private BenchmarkOptions parse(String... args) {
		BenchmarkOptions options = BenchmarkOptions.parse(args, new PrintWriter(this.help, true));
		assertThat(options).isNotNull();
		return options;
	}

}
