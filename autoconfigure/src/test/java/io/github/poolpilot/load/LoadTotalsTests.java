package io.github.poolpilot.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link LoadTotals}.
 */
class LoadTotalsTests {

	private final AtomicLong clock = new AtomicLong();

	private final PoolLoad load = new PoolLoad(Duration.ofMinutes(1), this.clock::get);

	@Test
	void anIntervalIsTheDifferenceOfTwoReadings() {
		this.load.borrowed(100);
		this.load.returned(90_000_000);
		LoadTotals before = this.load.totals();
		this.clock.set(1_000_000_000);
		for (int i = 0; i < 9; i++) {
			this.load.borrowed(200);
			this.load.returned(2_000_000);
		}
		this.load.borrowed(200);
		this.load.timedOut(200);
		LoadTotals interval = this.load.totals().since(before);
		assertThat(interval.nanos()).isEqualTo(1_000_000_000);
		assertThat(interval.acquisitions()).isEqualTo(9);
		assertThat(interval.acquireWaitNanos()).isEqualTo(1_800);
		assertThat(interval.timeouts()).isEqualTo(1);
		assertThat(interval.releases()).isEqualTo(9);
		assertThat(interval.holdNanos()).isEqualTo(18_000_000);
		// the 90 ms hold before the interval is not part of its distribution
		assertThat(interval.holdNanos(0.99)).isCloseTo(2_000_000, within(2_000_000 / 16.0));
	}

	@Test
	void distributionsOfNothingAreNaN() {
		LoadTotals totals = this.load.totals();
		assertThat(totals.holdNanos(0.5)).isNaN();
		assertThat(totals.waitNanos(0.99)).isNaN();
		assertThat(totals.acquisitions()).isZero();
	}

}
