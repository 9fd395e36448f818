package io.github.poolpilot.benchmarks.scenario;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ScenarioOptions}: the flags of the existing commands keep working, and
 * a bad one is named.
 */
class ScenarioOptionsTests {

	@Test
	void defaultsRunEveryScenario() {
		ScenarioOptions options = parse();
		assertThat(options.quick()).isFalse();
		assertThat(options.only()).containsExactlyInAnyOrder("io-bound", "cpu-bound", "spike", "surge", "rise", "ramp");
		assertThat(options.repeat()).isEqualTo(1);
		assertThat(options.out()).isEqualTo(Path.of("benchmarks/target/scenarios"));
		assertThat(options.docs()).isNull();
		assertThat(options.best()).isNull();
		assertThat(options.contenders()).containsExactlyInAnyOrder("poolpilot", "static-10", "static-50", "flexypool");
	}

	@Test
	void givenValuesReplaceTheDefaults() {
		ScenarioOptions options = parse("--quick", "--only=cpu-bound", "--contenders=poolpilot,poolpilot-fixed",
				"--best=4", "--out=/tmp/scenarios", "--docs=docs", "--repeat=3");
		assertThat(options.repeat()).isEqualTo(3);
		assertThat(options.quick()).isTrue();
		assertThat(options.only()).containsExactly("cpu-bound");
		assertThat(options.contenders()).containsExactlyInAnyOrder("poolpilot", "poolpilot-fixed");
		assertThat(options.best()).isEqualTo(4);
		assertThat(options.out()).isEqualTo(Path.of("/tmp/scenarios"));
		assertThat(options.docs()).isEqualTo(Path.of("docs"));
	}

	@Test
	void unknownFlagIsNamed() {
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--contender=poolpilot"))
			.withMessageContaining("'--contender=poolpilot'");
	}

	@Test
	void badBestIsNamed() {
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--best=large"))
			.withMessageContaining("--best")
			.withMessageContaining("large");
	}

	@Test
	void repeatBelowOneIsNamed() {
		assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--repeat=0"))
			.withMessage("--repeat must be at least 1, not 0");
	}

	private static ScenarioOptions parse(String... args) {
		ScenarioOptions options = ScenarioOptions.parse(args, new PrintWriter(new StringWriter(), true));
		assertThat(options).isNotNull();
		return options;
	}

}
