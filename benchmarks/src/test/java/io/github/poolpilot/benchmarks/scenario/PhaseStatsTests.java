package io.github.poolpilot.benchmarks.scenario;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhaseStats}.
 */
class PhaseStatsTests {

	@Test
	void latencyCountsFromTheIntendedStartAndFailuresCountWhenTheyFailed() {
		Run run = TestRuns.run(List.of(Phase.steady("only", 10, 1)), 20_000_000, (millis) -> 2);
		Requests requests = run.requests();
		// the last request waited 5 s for a connection and gave up
		requests.outcome[9] = Requests.ACQUIRE_TIMEOUT;
		requests.ended[9] = requests.intended[9] + 5_000_000_000L;
		PhaseStats stats = PhaseStats.of(run, 0);
		assertThat(stats.ok()).isEqualTo(9);
		assertThat(stats.timeouts()).isEqualTo(1);
		assertThat(stats.p50Millis()).isEqualTo(20.0);
		assertThat(stats.p99Millis()).isEqualTo(5000.0);
		assertThat(stats.meanHoldMillis()).isEqualTo(20.0);
	}

	@Test
	void throughputLeavesOutRequestsThatEndedAfterThePhase() {
		Run run = TestRuns.run(List.of(Phase.steady("only", 10, 1)), 20_000_000, (millis) -> 2);
		Requests requests = run.requests();
		// a backlog: the last four ended after the phase, in the drain
		for (int i = 6; i < 10; i++) {
			requests.ended[i] = 1_500_000_000L;
		}
		assertThat(PhaseStats.of(run, 0).throughput()).isEqualTo(6.0);
	}

	@Test
	void settlingEndsWhenTheConnectionsStayNearTheirFinalCount() {
		Run run = TestRuns.run(List.of(Phase.steady("only", 10, 2)), 20_000_000, (millis) -> (millis < 700) ? 10 : 4);
		assertThat(PhaseStats.of(run, 0).settleSeconds()).isEqualTo(0.7);
		assertThat(PhaseStats.of(run, 0).peakConnections()).isEqualTo(10);
	}

}
