package io.github.poolpilot.benchmarks.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReplicaTrace}.
 */
class ReplicaTraceTests {

	@Test
	void linesOfTheReplicaAreReadBack() {
		ReplicaSample sample = new ReplicaSample(1400, 6, 3, 1, 6, 7, 7, 9, 20, 3);
		ReplicaTrace trace = new ReplicaTrace("c");
		trace.accept("READY 1200");
		trace.accept(sample.line());
		trace.accept(new ReplicaTrace.Request(1300, 31.25, ReplicaLoad.Outcome.TIMEOUT).line());
		trace.accept("S of the replica's own logging");
		assertThat(trace.ready()).isEqualTo(1200);
		assertThat(trace.samples()).containsExactly(sample);
		assertThat(trace.requests())
			.containsExactly(new ReplicaTrace.Request(1300, 31.25, ReplicaLoad.Outcome.TIMEOUT));
		assertThat(trace.failures((due) -> due >= 1300)).isEqualTo(1);
		assertThat(trace.at(1399)).isNull();
		assertThat(trace.at(5000)).isEqualTo(sample);
	}

}
