package io.github.poolpilot.metrics;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link MeasuredLoad}.
 */
class MeasuredLoadTests {

	@Test
	void concurrencyIsRateTimesMeanHoldAndTheSizeAddsHeadroom() {
		// 2000 acquisitions in 10 s = 200/s, each held 19 ms (read as 19.5 ms): L = 3.9, / 0.8 = 4.875 -> 5
		LoadWindow.Totals totals = totals(10, 2000, 19, 2000);
		MeasuredLoad load = MeasuredLoad.of(totals, 0.8, null);
		assertThat(load.windowSeconds()).isEqualTo(10.0);
		assertThat(load.acquireRate()).isEqualTo(200.0);
		assertThat(load.holdMeanMillis()).isEqualTo(19.5);
		assertThat(load.concurrency()).isCloseTo(3.9, within(1e-9));
		assertThat(load.recommendedSize()).isEqualTo(5);
		// readings of 18 and 19 ms share a bucket, standing for [18, 20) ms
		assertThat(load.holdP50Millis()).isEqualTo(19.0);
		assertThat(load.holdP99Millis()).isEqualTo(19.0);
	}

	@Test
	void recommendedSizeStaysWithinTheDatabaseBudget() {
		MeasuredLoad load = MeasuredLoad.of(totals(1, 10_000, 100, 10_000), 0.8, 40);
		assertThat(load.concurrency()).isCloseTo(1005.0, within(1e-6));
		assertThat(load.recommendedSize()).isEqualTo(40);
	}

	@Test
	void aLightLoadStillRecommendsOneConnection() {
		MeasuredLoad load = MeasuredLoad.of(totals(60, 1, 0, 1), 0.8, null);
		assertThat(load.recommendedSize()).isEqualTo(1);
	}

	@Test
	void anEmptyWindowHasNoHoldWaitOrRecommendation() {
		LoadWindow.Totals totals = new LoadWindow.Totals();
		totals.coveredNanos = TimeUnit.SECONDS.toNanos(60);
		MeasuredLoad load = MeasuredLoad.of(totals, 0.8, null);
		assertThat(load.acquireRate()).isZero();
		assertThat(load.holdMeanMillis()).isNull();
		assertThat(load.holdP95Millis()).isNull();
		assertThat(load.waitP99Millis()).isNull();
		assertThat(load.concurrency()).isNull();
		assertThat(load.recommendedSize()).isNull();
	}

	@Test
	void waitsAreReportedInMilliseconds() {
		LoadWindow.Totals totals = totals(1, 4, 1, 4);
		totals.wait[LogBuckets.index(2_000_000, LoadWindow.WAIT_BUCKETS)] = 4;
		MeasuredLoad load = MeasuredLoad.of(totals, 0.8, null);
		assertThat(load.waitP50Millis()).isCloseTo(2.0, within(2.0 / 16));
		assertThat(load.waitP99Millis()).isCloseTo(2.0, within(2.0 / 16));
	}

	private static LoadWindow.Totals totals(long seconds, long acquisitions, long holdMillis, long releases) {
		LoadWindow.Totals totals = new LoadWindow.Totals();
		totals.coveredNanos = TimeUnit.SECONDS.toNanos(seconds);
		totals.acquisitions = acquisitions;
		totals.releases = releases;
		totals.heldMillis = holdMillis * releases;
		totals.hold[LogBuckets.index(holdMillis, LoadWindow.HOLD_BUCKETS)] = releases;
		return totals;
	}

}
