package io.github.poolpilot.sizing;

import io.github.poolpilot.sizing.LoadWindow.Segment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link OfferedLoad}: 200 transactions a second held 20 ms on average and 22
 * ms at the policy's percentile.
 */
class OfferedLoadTests {

	private static final long MILLIS = 1_000_000L;

	private final LoadWindow window = new LoadWindow(30_000 * MILLIS);

	@Test
	void squareRootStaffingAddsHeadroomAndRoundsUp() {
		// 12 + sqrt(12) = 15.5
		assertThat(OfferedLoad.staff(12, 1)).isEqualTo(16);
		assertThat(OfferedLoad.staff(9, 0)).isEqualTo(9);
		assertThat(OfferedLoad.staff(0, 1)).isZero();
	}

	@Test
	void quietLoadIsTheArrivalRateTimesTheHoldTimeAtThePercentile() {
		this.window.add(1000 * MILLIS, sample(1000, 200, 0, 0));
		OfferedLoad load = OfferedLoad.estimate(this.window, false, 0, 0, 2, 1);
		// 200/s x 22 ms = 4.4 + sqrt(4.4) = 6.5
		assertThat(load.need()).isEqualTo(7);
		assertThat(load.needAll()).isEqualTo(7);
		assertThat(load.load().offered()).isCloseTo(4.4, within(1e-9));
	}

	@Test
	void growingQueueIsSizedForTheArrivalsSinceItFormedAtTheMeanHoldTime() {
		this.window.add(20 * MILLIS, sample(20, 200, 8, 0));
		OfferedLoad load = OfferedLoad.estimate(this.window, true, 600, 40 * MILLIS, 2, 1);
		// 600/s x 20 ms = 12 + sqrt(12) = 15.5
		assertThat(load.need()).isEqualTo(16);
		// the latest sample's 12 arrivals in 20 ms are as fast as the queue's
		assertThat(load.queueNanos()).isZero();
		assertThat(SizingReasons.load(load, 0.9))
			.isEqualTo("offered 600.0/s (served 200.0/s) x mean hold 20.0 ms = 12.0");
	}

	@Test
	void reasonNamesTheQueuesRateWhenItIsTheHigher() {
		this.window.add(20 * MILLIS, sample(20, 200, 8, 0));
		OfferedLoad load = OfferedLoad.estimate(this.window, true, 900, 40 * MILLIS, 2, 1);
		// 900/s x 20 ms = 18 + sqrt(18) = 22.2
		assertThat(load.need()).isEqualTo(23);
		assertThat(SizingReasons.load(load, 0.9))
			.isEqualTo("offered 900.0/s since the queue formed 40 ms ago (served 200.0/s) x mean hold 20.0 ms = 18.0");
	}

	@Test
	void quietLoadIsDescribedAtThePercentile() {
		this.window.add(1000 * MILLIS, sample(1000, 200, 0, 0));
		OfferedLoad load = OfferedLoad.estimate(this.window, false, 0, 0, 2, 1);
		assertThat(SizingReasons.load(load, 0.9))
			.isEqualTo("offered 200.0/s (served 200.0/s) x p90 hold 22.0 ms = 4.4");
	}

	@Test
	void holdTimeSpentAcrossRemoteCallsIsLeftOutOfTheNeedButNotOfTheWholeNeed() {
		this.window.add(1000 * MILLIS, sample(1000, 200, 0, 0.75));
		OfferedLoad load = OfferedLoad.estimate(this.window, false, 0, 0, 2, 1);
		// 4.4 x 0.25 = 1.1 + sqrt(1.1) = 2.15
		assertThat(load.need()).isEqualTo(3);
		assertThat(load.needAll()).isEqualTo(7);
		assertThat(load.remoteShare()).isEqualTo(0.75);
	}

	@Test
	void needIsNeverBelowTheLowerBound() {
		this.window.add(1000 * MILLIS, sample(1000, 1, 0, 0));
		assertThat(OfferedLoad.estimate(this.window, false, 0, 0, 2, 1).need()).isEqualTo(2);
	}

	@Test
	void demandStaysWithinTheCeilingAndAboveTheLowerBound() {
		OfferedLoad load = new OfferedLoad(new Segment(), 0, 0, false, 17, 17, 2);
		assertThat(load.demand(0)).isEqualTo(17);
		assertThat(load.demand(4)).isEqualTo(4);
		assertThat(load.demand(1)).isEqualTo(2);
	}

	private static PoolSample sample(long millis, long rate, int pending, double remoteShare) {
		long served = rate * millis / 1000;
		long hold = 20 * MILLIS;
		return new PoolSample(millis * MILLIS, served, 0, 0, served, served * hold, 22 * MILLIS,
				(long) (served * hold * remoteShare), 4, 0, pending, 4, 4, 5000 * MILLIS, 0, 0, null);
	}

}
