package io.github.poolpilot.sizing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QueueWatch}. Transactions hold a connection for 20 ms, so a pool of 4
 * serves 200/s; samples last 20 ms, as while the controller watches a queue.
 */
class QueueWatchTests {

	private static final long MILLIS = 1_000_000L;

	private static final double HOLD = 20 * MILLIS;

	private final QueueWatch queue = new QueueWatch();

	private long at;

	@Test
	void queueThatOutgrowsThePoolForTwoHoldTimesGrowsAndGivesItsArrivalRate() {
		// 600/s arrive, 4 connections serve 200/s: 12 arrivals and 4 served every 20 ms
		assertThat(poll(12, 4, 8)).isFalse();
		assertThat(poll(12, 4, 16)).isFalse();
		// two hold times since the queue formed, but 24 arrivals are too few for a rate
		assertThat(poll(12, 4, 24)).isFalse();
		assertThat(poll(12, 4, 32)).isTrue();
		assertThat(this.queue.rate(this.at)).isEqualTo(600.0);
	}

	@Test
	void burstThatArrivedAtOnceIsNotAQueueThatGrows() {
		assertThat(poll(50, 2, 48)).isFalse();
		for (int pending = 46; pending > 0; pending -= 2) {
			assertThat(poll(0, 2, pending)).isFalse();
		}
		assertThat(this.queue.rate(this.at)).isZero();
	}

	@Test
	void queueThatGrowsByLessThanChanceDoesNotGrow() {
		// 12 connections serve 12 every 20 ms; 12 arrive, and a 13th every fourth poll:
		// after n polls the queue has grown by about n / 4 of 12n arrivals, less than
		// their square root, at a rate just above what the connections serve
		int pending = 4;
		for (int poll = 0; poll < 50; poll++) {
			long arrivals = (poll % 4 == 3) ? 13 : 12;
			pending += (int) arrivals - 12;
			assertThat(poll(arrivals, 12, pending, 12)).as("poll %d", poll).isFalse();
		}
	}

	@Test
	void queueGrowsOnceItHasGrownByTheSquareRootOfItsArrivals() {
		// 11 connections serve 11 every 20 ms and 12 arrive: after the first poll, the
		// queue has grown by n of 12n arrivals, at least their square root from the 12th
		// on
		int pending = 4;
		for (int poll = 0; poll < 12; poll++) {
			assertThat(poll(12, 11, pending++, 11)).as("poll %d", poll).isFalse();
		}
		assertThat(poll(12, 11, pending, 11)).isTrue();
	}

	@Test
	void queueAtARateThePoolsConnectionsServeDoesNotGrow() {
		// the same queue on a pool of 13: 600/s for 20 ms is 12 connections' worth, so
		// its
		// callers wait on something other than the pool's size
		int pending = 4;
		for (int poll = 0; poll < 30; poll++) {
			assertThat(poll(12, 11, pending++, 13)).as("poll %d", poll).isFalse();
		}
	}

	@Test
	void longSampleThatEndsWithMoreCallersThanItStartedWithGrows() {
		this.at += 1000 * MILLIS;
		PoolSample sample = sample(1000, 100, 10, 0);
		this.queue.track(this.at, sample, 110);
		assertThat(this.queue.grows(this.at, sample, HOLD, 4)).isTrue();
	}

	@Test
	void callersWhoTimedOutMakeAQueueThatGrows() {
		this.at += 20 * MILLIS;
		PoolSample sample = sample(20, 0, 0, 1);
		this.queue.track(this.at, sample, 1);
		assertThat(this.queue.grows(this.at, sample, HOLD, 4)).isTrue();
	}

	@Test
	void forgottenQueueMustGrowAnew() {
		int pending = 8;
		for (int poll = 0; poll < 4; poll++) {
			pending += 8;
			poll(12, 4, pending);
		}
		assertThat(this.queue.rate(this.at)).isPositive();
		this.queue.forget(this.at, sample(20, 4, pending, 0));
		assertThat(this.queue.rate(this.at)).isZero();
		assertThat(poll(12, 4, pending + 8)).isFalse();
	}

	@Test
	void servedCountsTheSamplesAfterTheQueueFormedUntilTheSizeChanges() {
		poll(12, 4, 8);
		poll(12, 4, 16);
		poll(12, 4, 24);
		assertThat(this.queue.served().acquisitions()).isEqualTo(8);
		this.queue.resized();
		assertThat(this.queue.served().acquisitions()).isZero();
	}

	private boolean poll(long arrivals, long served, int pending) {
		return poll(arrivals, served, pending, 4);
	}

	private boolean poll(long arrivals, long served, int pending, int size) {
		this.at += 20 * MILLIS;
		PoolSample sample = sample(20, served, pending, 0);
		this.queue.track(this.at, sample, arrivals);
		return this.queue.grows(this.at, sample, HOLD, size);
	}

	private static PoolSample sample(long millis, long served, int pending, long timeouts) {
		long hold = (long) HOLD;
		return new PoolSample(millis * MILLIS, served, pending * millis * MILLIS / 2, timeouts, served, served * hold,
				hold, 0, 4, 0, pending, 4, 4, 5000 * MILLIS, 0, 0, null);
	}

}
