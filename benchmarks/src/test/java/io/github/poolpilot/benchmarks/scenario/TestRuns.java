package io.github.poolpilot.benchmarks.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * Builds runs from plain values for the tests: every planned request succeeds with a
 * fixed hold time, and the pool's open connections follow a function of time.
 */
final class TestRuns {

	private TestRuns() {
	}

	static Run run(List<Phase> phases, long holdNanos, LongToIntFunction totalAtMillis) {
		int count = phases.stream().mapToInt(Phase::arrivals).sum();
		Requests requests = new Requests(count);
		long[] starts = new long[phases.size() + 1];
		int i = 0;
		for (int p = 0; p < phases.size(); p++) {
			Phase phase = phases.get(p);
			starts[p + 1] = starts[p] + phase.nanos();
			for (int k = 0; k < phase.arrivals(); k++, i++) {
				requests.intended[i] = starts[p] + (long) (k * 1e9 / phase.rate());
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
		return new Run("test", Contender.staticPool(1, "test", "test"), phases, starts, requests, samples, List.of(), 0,
				null, 0, 0);
	}

}
