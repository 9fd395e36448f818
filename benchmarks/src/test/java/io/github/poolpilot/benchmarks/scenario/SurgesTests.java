package io.github.poolpilot.benchmarks.scenario;

import java.time.Instant;
import java.util.List;

import io.github.poolpilot.sizing.SizingDecision.Direction;
import io.github.poolpilot.sizing.SizingEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Surges}.
 */
class SurgesTests {

	private static final List<Phase> PHASES = List.of(Phase.steady("low", 10, 1), Phase.steady("high", 100, 1));

	@Test
	void connectionSecondsIntegrateTheOpenConnections() {
		Run run = TestRuns.run(PHASES, 20_000_000, (millis) -> (millis < 1000) ? 2 : 10);
		assertThat(Surges.connectionSeconds(run)).isEqualTo(2 * 1.0 + 10 * 1.0);
	}

	@Test
	void firstGrowthIsTheFirstGrowingChangeFromTheGivenTimeOn() {
		List<SizingEvent> events = List.of(event(500, 10, 5, Direction.SHRINK), event(900, 5, 6, Direction.GROW),
				event(1070, 6, 14, Direction.GROW), event(1500, 14, 16, Direction.GROW));
		Run run = TestRuns.run(PHASES, 20_000_000, (millis) -> 5, events);
		SizingEvent growth = Surges.firstGrowth(run, 1_000_000_000L);
		assertThat(growth).isNotNull();
		assertThat(growth.toMaximumPoolSize()).isEqualTo(14);
		assertThat(run.offsetNanos(growth)).isEqualTo(1_070_000_000L);
		assertThat(Surges.firstGrowth(run, 1_600_000_000L)).isNull();
	}

	@Test
	void queueStartsWithTheFirstRequestOfTheUnbrokenWait() {
		Run run = TestRuns.run(PHASES, 20_000_000, (millis) -> 5);
		Requests requests = run.requests();
		// a lone wait of 5 ms in the low phase, then from the 3rd request of the high
		// phase on every request waits 30 ms: one unbroken queue
		wait(requests, 2, 5_000_000);
		for (int i = 12; i < 40; i++) {
			wait(requests, i, 30_000_000);
		}
		// a wait of half a millisecond is the hand-off, not a queue
		wait(requests, 11, 500_000);
		long queue = requests.intended[12];
		assertThat(queue).isEqualTo(1_020_000_000L);
		assertThat(Surges.queueStart(run, 1_200_000_000L)).isEqualTo(queue);
		// before the queue, the latest stretch is the lone wait
		assertThat(Surges.queueStart(run, 1_010_000_000L)).isEqualTo(requests.intended[2]);
		assertThat(Surges.queueStart(run, 100_000_000L)).isEqualTo(-1);
	}

	private static void wait(Requests requests, int i, long nanos) {
		requests.acquired[i] = requests.intended[i] + nanos;
		requests.ended[i] = requests.acquired[i] + 20_000_000;
	}

	static SizingEvent event(long millis, int from, int to, Direction direction) {
		return new SizingEvent(Instant.EPOCH.plusMillis(millis), from, to, from, to, direction, true, "test");
	}

}
