package io.github.poolpilot.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.poolpilot.load.PoolLoad;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link MeasuredLoad}.
 */
class MeasuredLoadTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

	private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

	private final PoolLoad load = new PoolLoad(Duration.ofMinutes(1), this.clock::get);

	@Test
	void concurrencyIsRateTimesMeanHoldAndTheSizeAddsHeadroom() {
		// 2000 acquisitions in 10 s = 200/s, each held 19.5 ms: L = 3.9, / 0.8 = 4.875 ->
		// 5
		record(2000, 0, 19_500_000);
		this.clock.addAndGet(10 * SECOND);
		MeasuredLoad load = MeasuredLoad.of(this.load.recent(), 0.8, null);
		assertThat(load.windowSeconds()).isEqualTo(10.0);
		assertThat(load.acquireRate()).isEqualTo(200.0);
		assertThat(load.holdMeanMillis()).isCloseTo(19.5, within(1e-9));
		assertThat(load.concurrency()).isCloseTo(3.9, within(1e-9));
		assertThat(load.recommendedSize()).isEqualTo(5);
		assertThat(load.recommendedBy()).isEqualTo(MeasuredLoad.LITTLES_LAW);
		assertThat(load.holdP50Millis()).isCloseTo(19.5, within(19.5 / 16));
		assertThat(load.holdP99Millis()).isCloseTo(19.5, within(19.5 / 16));
	}

	@Test
	void subMillisecondHoldsKeepTheirPrecision() {
		record(1000, 0, 300_000);
		this.clock.addAndGet(SECOND);
		MeasuredLoad load = MeasuredLoad.of(this.load.recent(), 0.8, null);
		assertThat(load.holdMeanMillis()).isCloseTo(0.3, within(1e-9));
		assertThat(load.holdP50Millis()).isCloseTo(0.3, within(0.3 / 16));
		assertThat(load.concurrency()).isCloseTo(0.3, within(1e-9));
	}

	@Test
	void recommendedSizeStaysWithinTheDatabaseBudget() {
		record(10_000, 0, 100 * MILLI);
		this.clock.addAndGet(SECOND);
		MeasuredLoad load = MeasuredLoad.of(this.load.recent(), 0.8, 40);
		assertThat(load.concurrency()).isCloseTo(1000.0, within(1e-6));
		assertThat(load.recommendedSize()).isEqualTo(40);
	}

	@Test
	void aLightLoadStillRecommendsOneConnection() {
		record(1, 0, 0);
		this.clock.addAndGet(60 * SECOND);
		assertThat(MeasuredLoad.of(this.load.recent(), 0.8, null).recommendedSize()).isEqualTo(1);
	}

	@Test
	void anEmptyWindowHasNoHoldWaitOrRecommendation() {
		this.clock.addAndGet(60 * SECOND);
		MeasuredLoad load = MeasuredLoad.of(this.load.recent(), 0.8, null);
		assertThat(load.acquireRate()).isZero();
		assertThat(load.holdMeanMillis()).isNull();
		assertThat(load.holdP95Millis()).isNull();
		assertThat(load.waitP99Millis()).isNull();
		assertThat(load.concurrency()).isNull();
		assertThat(load.recommendedSize()).isNull();
	}

	@Test
	void waitsAreReportedInMillisecondsAndCountTimedOutCallers() {
		record(3, 2 * MILLI, MILLI);
		this.load.borrowed(500 * MILLI);
		this.load.timedOut(500 * MILLI);
		this.clock.addAndGet(SECOND);
		MeasuredLoad load = MeasuredLoad.of(this.load.recent(), 0.8, null);
		assertThat(load.acquisitions()).isEqualTo(3);
		assertThat(load.timeouts()).isEqualTo(1);
		assertThat(load.waitP50Millis()).isCloseTo(2.0, within(2.0 / 16));
		assertThat(load.waitP99Millis()).isCloseTo(500.0, within(500.0 / 16));
	}

	@Test
	void theControllersTargetReplacesLittlesLaw() {
		record(2000, 0, 19_500_000);
		this.clock.addAndGet(10 * SECOND);
		MeasuredLoad load = MeasuredLoad.of(this.load.recent(), 0.8, null).recommendedByController(9);
		assertThat(load.recommendedSize()).isEqualTo(9);
		assertThat(load.recommendedBy()).isEqualTo(MeasuredLoad.SIZING_CONTROLLER);
		assertThat(load.concurrency()).isCloseTo(3.9, within(1e-9));
	}

	private void record(int count, long waitNanos, long holdNanos) {
		for (int i = 0; i < count; i++) {
			this.load.borrowed(waitNanos);
			this.load.returned(holdNanos);
		}
	}

}
