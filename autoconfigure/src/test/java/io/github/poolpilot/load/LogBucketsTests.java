package io.github.poolpilot.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link LogBuckets}.
 */
class LogBucketsTests {

	private static final int COUNT = LogBuckets.count(32);

	@Test
	void smallReadingsHaveTheirOwnBucket() {
		for (int value = 0; value < 8; value++) {
			int index = LogBuckets.index(value, COUNT);
			assertThat(index).isEqualTo(value);
			assertThat(LogBuckets.lowerBound(index)).isEqualTo(value);
			assertThat(LogBuckets.upperBound(index)).isEqualTo(value + 1);
		}
	}

	@Test
	void everyReadingFallsInsideItsBucketAndBucketsAreAtMostAnEighthWide() {
		for (long value = 0; value < 100_000; value += 7) {
			int index = LogBuckets.index(value, COUNT);
			assertThat(LogBuckets.lowerBound(index)).isLessThanOrEqualTo(value);
			assertThat(LogBuckets.upperBound(index)).isGreaterThan(value);
			long width = LogBuckets.upperBound(index) - LogBuckets.lowerBound(index);
			assertThat(width).isLessThanOrEqualTo(Math.max(1, LogBuckets.lowerBound(index) / 8));
		}
	}

	@Test
	void bucketsAreContiguous() {
		for (int index = 0; index < COUNT - 1; index++) {
			assertThat(LogBuckets.upperBound(index)).isEqualTo(LogBuckets.lowerBound(index + 1));
		}
	}

	@Test
	void readingsAboveTheLastBucketAndNegativeOnesAreClamped() {
		assertThat(LogBuckets.index(Long.MAX_VALUE, COUNT)).isEqualTo(COUNT - 1);
		assertThat(LogBuckets.index(-5, COUNT)).isZero();
	}

	@Test
	void quantileIsTheMiddleOfTheBucketItFallsIn() {
		long[] counts = new long[COUNT];
		counts[LogBuckets.index(2, COUNT)] = 90;
		counts[LogBuckets.index(1000, COUNT)] = 10;
		assertThat(LogBuckets.quantile(counts, 100, 0.5)).isEqualTo(2.5);
		assertThat(LogBuckets.quantile(counts, 100, 0.9)).isEqualTo(2.5);
		assertThat(LogBuckets.quantile(counts, 100, 0.95)).isCloseTo(1000, within(1000 / 16.0));
	}

	@Test
	void quantileOfAnEmptyHistogramIsNaN() {
		assertThat(LogBuckets.quantile(new long[COUNT], 0, 0.5)).isNaN();
	}

}
