package io.github.poolpilot.sizing;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WatchPaceTests {

	private static final long LOOK = TimeUnit.MILLISECONDS.toNanos(20);

	private static final long INTERVAL = TimeUnit.SECONDS.toNanos(1);

	private final WatchPace pace = new WatchPace(LOOK, INTERVAL);

	@Test
	void everyLookSamplesWhileThePoolChanges() {
		long now = 0;
		for (int i = 0; i < 100; i++) {
			assertThat(this.pace.due(now, 10)).isTrue();
			this.pace.sampled(now, 10, i % 10 == 0);
			now += LOOK;
		}
	}

	@Test
	void samplesSpreadOutToTheIntervalOnceNothingChanges() {
		long now = 0;
		for (int i = 0; i < WatchPace.STEADY_LOOKS; i++) {
			assertThat(this.pace.due(now, 10)).isTrue();
			this.pace.sampled(now, 10, false);
			now += LOOK;
		}
		// the delay doubles from one look: 40 ms, 80 ms, ... up to the interval
		long gap = 2 * LOOK;
		long lastSample = now - LOOK;
		int samples = 0;
		for (int i = 0; i < 1000; i++, now += LOOK) {
			if (this.pace.due(now, 10)) {
				assertThat(now - lastSample).isGreaterThanOrEqualTo(Math.min(gap, INTERVAL));
				this.pace.sampled(now, 10, false);
				lastSample = now;
				gap *= 2;
				samples++;
			}
		}
		// 20 s of looks: the doublings to 1 s, then about one sample a second
		assertThat(samples).isBetween(20, 30);
	}

	@Test
	void growingQueueOrAChangeSamplesAtOnce() {
		long now = 0;
		for (int i = 0; i < WatchPace.STEADY_LOOKS + 15; i++, now += LOOK) {
			if (this.pace.due(now, 10)) {
				this.pace.sampled(now, 10, false);
			}
		}
		assertThat(this.pace.due(now, 10)).isFalse();
		assertThat(this.pace.due(now, 23)).isFalse();
		assertThat(this.pace.due(now, 24)).isTrue();
		this.pace.sampled(now, 24, true);
		assertThat(this.pace.due(now + LOOK, 24)).isTrue();
	}

	@Test
	void resetStartsAgainAtEveryLook() {
		long now = 0;
		for (int i = 0; i < WatchPace.STEADY_LOOKS + 15; i++, now += LOOK) {
			if (this.pace.due(now, 10)) {
				this.pace.sampled(now, 10, false);
			}
		}
		assertThat(this.pace.due(now, 10)).isFalse();
		this.pace.reset();
		assertThat(this.pace.due(now, 10)).isTrue();
	}

}
