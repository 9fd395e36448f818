package io.github.poolpilot.benchmarks.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Report}'s JSON summary, read back with Jackson.
 */
class ReportTests {

	@Test
	void summaryIsJsonWithEveryRunPhaseAndVerdict(@TempDir Path directory) throws Exception {
		Report report = new Report(directory, "Run on a \"test\" machine");
		Scenario scenario = new Scenario("io-bound", "I/O-bound, a test", List.of(Phase.steady("50/s", 50, 2)),
				Work.query("select 1"), 0);
		Run run = TestRuns.run(scenario.phases(), 1_000_000, (millis) -> 3);
		report.scenario(scenario, List.of(run), List
			.of(new Verdict("io-bound", run.contender().label(), "zero acquire timeouts", "0 after settling", true)),
				"a note\nover two lines");
		report.finish();
		JsonNode summary = JsonMapper.builder().build().readTree(directory.resolve("summary.json").toFile());
		assertThat(summary.get("environment").asString()).isEqualTo("Run on a \"test\" machine");
		JsonNode written = summary.get("scenarios").get(0);
		assertThat(written.get("scenario").asString()).isEqualTo("io-bound");
		assertThat(written.get("note").asString()).isEqualTo("a note\nover two lines");
		JsonNode phase = written.get("runs").get(0).get("phases").get(0);
		assertThat(phase.get("phase").asString()).isEqualTo("50/s");
		assertThat(phase.get("arrivals").asInt()).isEqualTo(100);
		assertThat(phase.get("throughput").isNumber()).isTrue();
		assertThat(written.get("targets").get(0).get("verdict").asString()).isEqualTo("pass");
		assertThat(Files.readString(directory.resolve("summary.json"))).doesNotContain("NaN");
	}

}
