package io.github.poolpilot.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoadWindow}.
 */
class LoadWindowTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

	private final LoadWindow window = new LoadWindow(60 * SECOND, 12, this.clock::get);

	@Test
	void eventsAreCountedAndBucketed() {
		this.window.acquired(2_000);
		this.window.acquired(4_000);
		this.window.released(3);
		this.window.timedOut();
		LoadWindow.Totals totals = this.window.totals();
		assertThat(totals.acquisitions).isEqualTo(2);
		assertThat(totals.waitNanos).isEqualTo(6_000);
		assertThat(totals.releases).isEqualTo(1);
		assertThat(totals.heldMillis).isEqualTo(3);
		assertThat(totals.timeouts).isEqualTo(1);
		assertThat(totals.hold[3]).isEqualTo(1);
		assertThat(sum(totals.wait)).isEqualTo(2);
	}

	@Test
	void coveredTimeIsThePoolsAgeUntilTheWindowIsFull() {
		this.clock.addAndGet(10 * SECOND);
		assertThat(this.window.totals().coveredNanos).isEqualTo(10 * SECOND);
		this.clock.addAndGet(300 * SECOND + SECOND / 2);
		// eleven full slices of 5 s and the current slice's half second
		assertThat(this.window.totals().coveredNanos).isEqualTo(55 * SECOND + SECOND / 2);
	}

	@Test
	void eventsOlderThanTheWindowAreDropped() {
		this.window.released(10);
		this.clock.addAndGet(30 * SECOND);
		this.window.released(20);
		assertThat(this.window.totals().releases).isEqualTo(2);
		this.clock.addAndGet(31 * SECOND);
		LoadWindow.Totals totals = this.window.totals();
		assertThat(totals.releases).isEqualTo(1);
		assertThat(totals.heldMillis).isEqualTo(20);
	}

	@Test
	void aReusedSliceStartsEmpty() {
		this.window.released(10);
		this.clock.addAndGet(60 * SECOND);
		this.window.released(1);
		LoadWindow.Totals totals = this.window.totals();
		assertThat(totals.releases).isEqualTo(1);
		assertThat(totals.heldMillis).isEqualTo(1);
		assertThat(sum(totals.hold)).isEqualTo(1);
	}

	@Test
	void concurrentRecordingLosesNothingWithinASlice() throws InterruptedException {
		Thread[] threads = new Thread[4];
		for (int t = 0; t < threads.length; t++) {
			threads[t] = new Thread(() -> {
				for (int i = 0; i < 10_000; i++) {
					this.window.acquired(1_000);
					this.window.released(1);
				}
			});
			threads[t].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		LoadWindow.Totals totals = this.window.totals();
		assertThat(totals.acquisitions).isEqualTo(40_000);
		assertThat(totals.releases).isEqualTo(40_000);
		assertThat(totals.hold[1]).isEqualTo(40_000);
	}

	private static long sum(long[] counts) {
		long sum = 0;
		for (long count : counts) {
			sum += count;
		}
		return sum;
	}

}
