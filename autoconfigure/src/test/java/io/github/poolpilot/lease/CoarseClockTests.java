package io.github.poolpilot.lease;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CoarseClock}.
 */
class CoarseClockTests {

	private final AtomicLong activity = new AtomicLong();

	@Test
	void readingsNeverRunAheadOfTheClockAndKeepUp() throws InterruptedException {
		try (CoarseClock clock = new CoarseClock(this.activity::incrementAndGet, "clock-test-ahead")) {
			long first = clock.now();
			long previous = first;
			for (int i = 0; i < 20; i++) {
				Thread.sleep(15);
				long reading = clock.now();
				assertThat(reading).isLessThanOrEqualTo(System.nanoTime()).isGreaterThanOrEqualTo(previous);
				previous = reading;
			}
			// the ticker runs: 20 sleeps of 15 ms or more moved the readings on by well
			// over 100 ms
			assertThat(Duration.ofNanos(previous - first)).isGreaterThan(Duration.ofMillis(100));
		}
	}

	@Test
	void tickerSleepsWhenNothingHappensAndTheNextReaderWakesIt() {
		try (CoarseClock clock = new CoarseClock(this.activity::get, "clock-test-idle")) {
			clock.now();
			Thread ticker = ticker("clock-test-idle");
			// no activity for a second: the ticker parks without a deadline
			await(() -> ticker.getState() == Thread.State.WAITING);
			long before = System.nanoTime();
			// asleep, the clock is read by the caller: a fresh reading
			assertThat(clock.now()).isGreaterThanOrEqualTo(before);
			this.activity.incrementAndGet();
			await(() -> ticker.getState() == Thread.State.TIMED_WAITING);
		}
	}

	@Test
	void aClosedClockIsReadByItsCallers() {
		CoarseClock clock = new CoarseClock(this.activity::incrementAndGet, "clock-test-closed");
		clock.now();
		Thread ticker = ticker("clock-test-closed");
		clock.close();
		await(() -> !ticker.isAlive());
		long before = System.nanoTime();
		assertThat(clock.now()).isGreaterThanOrEqualTo(before);
	}

	private static void await(BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime() - deadline).as("waited 10 s").isNegative();
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static Thread ticker(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

}
