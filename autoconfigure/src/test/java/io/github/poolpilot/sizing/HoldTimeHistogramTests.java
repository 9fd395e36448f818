package io.github.poolpilot.sizing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HoldTimeHistogramTests {

	@Test
	void bucketsAreContiguousAndEachValueFallsInsideItsBucket() {
		for (int index = 0; index < HoldTimeHistogram.BUCKETS - 2; index++) {
			long lower = HoldTimeHistogram.lowerBound(index);
			long next = HoldTimeHistogram.lowerBound(index + 1);
			assertThat(next).isGreaterThan(lower);
			assertThat(HoldTimeHistogram.index(lower)).isEqualTo(index);
			assertThat(HoldTimeHistogram.index(next - 1)).isEqualTo(index);
		}
		assertThat(HoldTimeHistogram.index(Long.MAX_VALUE)).isLessThan(HoldTimeHistogram.BUCKETS);
	}

	@Test
	void percentileIsWithinSevenPercentOfTheTrueValue() {
		HoldTimeHistogram histogram = new HoldTimeHistogram();
		for (long millis = 1; millis <= 100; millis++) {
			histogram.record(millis * 1_000_000);
		}
		long[] now = new long[HoldTimeHistogram.BUCKETS];
		histogram.snapshot(now);
		long[] empty = new long[HoldTimeHistogram.BUCKETS];
		assertThat((double) HoldTimeHistogram.percentile(now, empty, 0.9)).isCloseTo(90e6, within(90e6 * 0.07));
		assertThat((double) HoldTimeHistogram.percentile(now, empty, 0.5)).isCloseTo(50e6, within(50e6 * 0.07));
	}

	@Test
	void percentileCoversOnlyTheIntervalBetweenTwoSnapshots() {
		HoldTimeHistogram histogram = new HoldTimeHistogram();
		for (int i = 0; i < 1000; i++) {
			histogram.record(100_000_000);
		}
		long[] before = new long[HoldTimeHistogram.BUCKETS];
		histogram.snapshot(before);
		for (int i = 0; i < 10; i++) {
			histogram.record(2_000_000);
		}
		long[] now = new long[HoldTimeHistogram.BUCKETS];
		histogram.snapshot(now);
		assertThat((double) HoldTimeHistogram.percentile(now, before, 0.99)).isCloseTo(2e6, within(2e6 * 0.07));
	}

	@Test
	void emptyIntervalHasNoPercentile() {
		long[] empty = new long[HoldTimeHistogram.BUCKETS];
		assertThat(HoldTimeHistogram.percentile(empty, empty, 0.9)).isZero();
	}

}
