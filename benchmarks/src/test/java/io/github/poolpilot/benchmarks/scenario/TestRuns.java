package io.github.poolpilot.benchmarks.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;

import io.github.poolpilot.sizing.SizingEvent;

/**
 * Builds runs from plain values for the tests: every planned request succeeds with a
 * fixed hold time, the pool's open connections follow a function of time, and sizing
 * changes are placed on the run's time line from {@link Instant#EPOCH}.
 */
final class TestRuns {

	private TestRuns() {
	}

	static Run run(List<Phase> phases, long holdNanos, LongToIntFunction totalAtMillis) {
		return run(phases, holdNanos, totalAtMillis, List.of());
	}

	static Run run(List<Phase> phases, long holdNanos, LongToIntFunction totalAtMillis, List<SizingEvent> events) {
		int count = phases.stream().mapToInt(Phase::arrivals).sum();
		Requests requests = new Requests(count);
		long[] starts = new long[phases.size() + 1];
		int i = 0;
		for (int p = 0; p < phases.size(); p++) {
			Phase phase = phases.get(p);
			starts[p + 1] = starts[p] + phase.nanos();
			for (int k = 0; k < phase.arrivals(); k++, i++) {
				requests.intended[i] = starts[p] + phase.offsetNanos(k);
				requests.acquired[i] = requests.intended[i];
				requests.ended[i] = requests.intended[i] + holdNanos;
				requests.outcome[i] = Requests.OK;
				requests.phase[i] = p;
			}
		}
		List<Sample> samples = new ArrayList<>();
		for (long millis = 0; millis < starts[phases.size()] / 1_000_000; millis += PoolSampler.PERIOD_MS) {
			int total = totalAtMillis.applyAsInt(millis);
			samples.add(new Sample(millis, total, 0, total, 0, total, 0, 0, 0));
		}
		return new Run("test", Contender.staticPool(1, "test", "test"), phases, starts, requests, samples, events, 0,
				null, 0, 0, Instant.EPOCH);
	}

}
