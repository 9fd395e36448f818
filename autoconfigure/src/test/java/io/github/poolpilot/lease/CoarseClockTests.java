package io.github.poolpilot.lease;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CoarseClock}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CoarseClockTests {

	private final AtomicLong activity = new AtomicLong();

	@Test
	void readingsNeverRunAheadOfTheClockAndKeepUp() {
		try (CoarseClock clock = new CoarseClock(this.activity::incrementAndGet, "clock-test-ahead")) {
			long first = clock.now();
			AtomicLong previous = new AtomicLong(first);
			AtomicLong readings = new AtomicLong();
			// every reading is checked; the ticker runs if the readings move on by 100 ms
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
				long reading = clock.now();
				assertThat(reading).isLessThanOrEqualTo(System.nanoTime()).isGreaterThanOrEqualTo(previous.get());
				previous.set(reading);
				readings.incrementAndGet();
				return reading - first > Duration.ofMillis(100).toNanos();
			});
			assertThat(readings).as("readings taken while the clock moved on").hasValueGreaterThan(1);
		}
	}

	@Test
	void tickerSleepsWhenNothingHappensAndTheNextReaderWakesIt() {
		try (CoarseClock clock = new CoarseClock(this.activity::get, "clock-test-idle")) {
			clock.now();
			Thread ticker = ticker("clock-test-idle");
			// no activity for a second: the ticker parks without a deadline
			await().atMost(Duration.ofSeconds(10)).until(() -> ticker.getState() == Thread.State.WAITING);
			long before = System.nanoTime();
			// asleep, the clock is read by the caller: a fresh reading
			assertThat(clock.now()).isGreaterThanOrEqualTo(before);
			this.activity.incrementAndGet();
			await().atMost(Duration.ofSeconds(10)).until(() -> ticker.getState() == Thread.State.TIMED_WAITING);
		}
	}

	@Test
	void aTaskThatFailsRunsAgainAndTheReadingsGoOn(CapturedOutput output) {
		AtomicLong runs = new AtomicLong();
		try (CoarseClock clock = new CoarseClock(this.activity::incrementAndGet, "clock-test-failing", () -> {
			runs.incrementAndGet();
			throw new IllegalStateException("task failed");
		})) {
			long first = clock.now();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> runs.get() >= 5 && clock.now() - first > Duration.ofMillis(40).toNanos());
			assertThat(ticker("clock-test-failing").isAlive()).isTrue();
		}
		// said once, not at every tick
		assertThat(output.getOut().split("A task of clock-test-failing failed", -1)).hasSize(2);
	}

	@Test
	void aClosedClockIsReadByItsCallers() {
		CoarseClock clock = new CoarseClock(this.activity::incrementAndGet, "clock-test-closed");
		clock.now();
		Thread ticker = ticker("clock-test-closed");
		clock.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> !ticker.isAlive());
		long before = System.nanoTime();
		assertThat(clock.now()).isGreaterThanOrEqualTo(before);
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
