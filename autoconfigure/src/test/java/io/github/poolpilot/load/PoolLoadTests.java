package io.github.poolpilot.load;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link PoolLoad}.
 */
class PoolLoadTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

	private final PoolLoad load = new PoolLoad(Duration.ofMinutes(1), this.clock::get);

	@Test
	void borrowsAndReturnsAreCountedAndSummed() {
		this.load.borrowed(2_000);
		this.load.borrowed(4_000);
		this.load.returned(300_000);
		LoadTotals totals = this.load.totals();
		assertThat(totals.acquisitions()).isEqualTo(2);
		assertThat(totals.acquireWaitNanos()).isEqualTo(6_000);
		assertThat(totals.releases()).isEqualTo(1);
		assertThat(totals.holdNanos()).isEqualTo(300_000);
		assertThat(totals.holdNanos(0.5)).isCloseTo(300_000, within(300_000 / 16.0));
		assertThat(totals.timeouts()).isZero();
	}

	@Test
	void aTimeoutIsNotABorrowButItsWaitIsDistributed() {
		this.load.borrowed(1_000);
		this.load.borrowed(5 * SECOND);
		this.load.timedOut(5 * SECOND);
		LoadTotals totals = this.load.totals();
		assertThat(totals.acquisitions()).isEqualTo(1);
		assertThat(totals.acquireWaitNanos()).isEqualTo(1_000);
		assertThat(totals.timeouts()).isEqualTo(1);
		assertThat(totals.waitNanos(1.0)).isCloseTo(5 * SECOND, within(5.0 * SECOND / 16));
	}

	@Test
	void threadsCountIntoTheirOwnCountersWhichOutliveTheThread() throws InterruptedException {
		this.load.borrowed(1_000);
		Thread[] workers = new Thread[4];
		for (int i = 0; i < workers.length; i++) {
			workers[i] = new Thread(() -> {
				PoolLoad.ThreadCounters counters = this.load.countersFor(Thread.currentThread());
				assertThat(counters).isNotNull();
				for (int n = 0; n < 1_000; n++) {
					this.load.borrowed(counters, 2_000);
					this.load.returned(counters, 3_000_000);
				}
				this.load.borrowed(counters, SECOND);
				this.load.timedOut(counters, SECOND);
			});
			workers[i].start();
		}
		for (Thread worker : workers) {
			worker.join();
		}
		// the ended threads' counts are folded once, and read the same way every time
		// after
		for (int read = 0; read < 2; read++) {
			LoadTotals totals = this.load.totals();
			assertThat(totals.acquisitions()).isEqualTo(4_001);
			assertThat(totals.acquireWaitNanos()).isEqualTo(4_000 * 2_000 + 1_000);
			assertThat(totals.releases()).isEqualTo(4_000);
			assertThat(totals.holdNanos()).isEqualTo(4_000 * 3_000_000L);
			assertThat(totals.timeouts()).isEqualTo(4);
		}
	}

	@Test
	void aThreadsOwnCountersAreReadWhileItLives() {
		PoolLoad.ThreadCounters counters = this.load.countersFor(Thread.currentThread());
		this.load.borrowed(counters, 7_000);
		this.load.returned(counters, 9_000_000);
		LoadTotals totals = this.load.totals();
		assertThat(totals.acquisitions()).isEqualTo(1);
		assertThat(totals.acquireWaitNanos()).isEqualTo(7_000);
		assertThat(totals.holdNanos()).isEqualTo(9_000_000);
		assertThat(totals.holdNanos(0.5)).isCloseTo(9_000_000, within(9_000_000 / 16.0));
	}

	@Test
	void anExcludedThreadLeavesNoTrace() {
		this.load.exclude(Thread.currentThread());
		this.load.borrowed(5);
		this.load.returned(1);
		this.load.timedOut(5);
		LoadTotals totals = this.load.totals();
		assertThat(totals.acquisitions()).isZero();
		assertThat(totals.releases()).isZero();
		assertThat(totals.timeouts()).isZero();
		this.load.exclude(null);
		this.load.returned(1);
		assertThat(this.load.totals().releases()).isEqualTo(1);
	}

	@Test
	void theWindowIsAsOldAsThePoolUntilItIsFull() {
		this.clock.addAndGet(10 * SECOND);
		assertThat(this.load.recent().nanos()).isEqualTo(10 * SECOND);
		this.clock.addAndGet(300 * SECOND);
		this.load.returned(1);
		this.clock.addAndGet(SECOND / 2);
		// the pool was idle for longer than the window: only the time since the last
		// snapshot is covered
		assertThat(this.load.recent().nanos()).isLessThanOrEqualTo(60 * SECOND);
	}

	@Test
	void eventsOlderThanTheWindowDropOut() {
		this.load.returned(10);
		// the lease registry's clock ticks the load while events come
		for (int i = 0; i < 30; i++) {
			this.clock.addAndGet(SECOND);
			this.load.borrowed(0);
			this.load.tick();
		}
		this.load.returned(20);
		assertThat(this.load.recent().releases()).isEqualTo(2);
		for (int i = 0; i < 40; i++) {
			this.clock.addAndGet(SECOND);
			this.load.borrowed(0);
			this.load.tick();
		}
		LoadTotals recent = this.load.recent();
		assertThat(recent.releases()).isEqualTo(1);
		assertThat(recent.holdNanos()).isEqualTo(20);
		// one borrow a second, over a window of 55 to 60 seconds
		assertThat(recent.nanos()).isBetween(55 * SECOND, 60 * SECOND);
		assertThat(recent.acquisitions()).isEqualTo(recent.nanos() / SECOND);
		assertThat(this.load.totals().acquisitions()).isEqualTo(70);
	}

	@Test
	void recordingTakesNoSnapshot() {
		this.load.borrowed(0);
		this.clock.addAndGet(30 * SECOND);
		this.load.borrowed(0);
		this.load.returned(10);
		this.clock.addAndGet(45 * SECOND);
		// no tick came: the only snapshots are the empty pool's, outside the window now,
		// and the one the read takes
		assertThat(this.load.recent().nanos()).isZero();
		// a tick takes one: the window then reaches back to it
		this.clock.addAndGet(50 * SECOND);
		this.load.tick();
		this.clock.addAndGet(20 * SECOND);
		this.load.returned(10);
		LoadTotals recent = this.load.recent();
		assertThat(recent.nanos()).isEqualTo(20 * SECOND);
		assertThat(recent.releases()).isEqualTo(1);
		assertThat(recent.acquisitions()).isZero();
		assertThat(this.load.totals().acquisitions()).isEqualTo(2);
	}

	@Test
	void aPoolIdleForLongerThanTheWindowShowsNoLoad() {
		this.load.borrowed(0);
		this.load.returned(10);
		this.clock.addAndGet(5 * 60 * SECOND);
		LoadTotals recent = this.load.recent();
		assertThat(recent.acquisitions()).isZero();
		assertThat(recent.releases()).isZero();
		assertThat(this.load.totals().releases()).isEqualTo(1);
	}

	@Test
	void concurrentRecordingLosesNothing() throws InterruptedException {
		Thread[] threads = new Thread[4];
		for (int t = 0; t < threads.length; t++) {
			threads[t] = new Thread(() -> {
				for (int i = 0; i < 10_000; i++) {
					this.load.borrowed(1_000);
					this.load.returned(1_000_000);
				}
			});
			threads[t].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		LoadTotals totals = this.load.totals();
		assertThat(totals.acquisitions()).isEqualTo(40_000);
		assertThat(totals.releases()).isEqualTo(40_000);
		assertThat(totals.holdNanos()).isEqualTo(40_000L * 1_000_000);
	}

	@Test
	void recordingAllocatesNothing() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long id = Thread.currentThread().getId();
		record(100_000);
		long before = threads.getThreadAllocatedBytes(id);
		record(100_000);
		long allocated = threads.getThreadAllocatedBytes(id) - before;
		// the measurement itself may allocate a few bytes; 200,000 events and 20
		// snapshots must not
		assertThat(allocated).isLessThan(1024);
	}

	@Test
	void openedConnectionsAreCounted() {
		this.load.connectionCreated();
		this.load.connectionCreated();
		assertThat(this.load.connectionsCreated()).isEqualTo(2);
	}

	@Test
	void theWindowIsTheConfiguredOne() {
		assertThat(this.load.window()).isEqualTo(Duration.ofMinutes(1));
	}

	private void record(int count) {
		for (int i = 0; i < count; i++) {
			if (i % 10_000 == 0) {
				this.clock.addAndGet(5 * SECOND);
				this.load.tick();
			}
			this.load.borrowed(1_000);
			this.load.returned(2_000_000);
		}
	}

	private long now() {
		return this.clock.get();
	}

}
