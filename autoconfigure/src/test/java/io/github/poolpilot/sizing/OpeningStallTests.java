package io.github.poolpilot.sizing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpeningStallTests {

	private static final long MILLIS = 1_000_000L;

	private final OpeningStall stall = new OpeningStall();

	@Test
	void aPoolThatOpensNoConnectionForHalfASecondHasStalled() {
		for (int sample = 0; sample < 4; sample++) {
			assertThat(this.stall.track(sample(4, 10, 0, 5))).isFalse();
		}
		assertThat(this.stall.track(sample(4, 10, 0, 5))).isTrue();
	}

	@Test
	void everyConnectionOpenedStartsTheTimeAnew() {
		for (int sample = 0; sample < 20; sample++) {
			assertThat(this.stall.track(sample(4, 10, (sample % 3 == 0) ? 1 : 0, 5))).as("sample %d", sample).isFalse();
		}
	}

	@Test
	void slowOpensGiveFourOpenTimesBeforeAStall() {
		// 300 ms per connection: 1.2 s without one is a stall, 1.1 s is not
		for (int sample = 0; sample < 11; sample++) {
			assertThat(this.stall.track(sample(4, 10, 0, 300))).isFalse();
		}
		assertThat(this.stall.track(sample(4, 10, 0, 300))).isTrue();
	}

	@Test
	void aWholePoolNeverStalls() {
		for (int sample = 0; sample < 20; sample++) {
			assertThat(this.stall.track(sample(10, 10, 0, 5))).isFalse();
		}
	}

	@Test
	void aRefusalLimitsGrowthToTheSizeBackedOffToForItsMemory() {
		assertThat(this.stall.limit(0)).isEqualTo(Integer.MAX_VALUE);
		this.stall.refused(1000 * MILLIS, 4, 3000 * MILLIS);
		assertThat(this.stall.limit(3999 * MILLIS)).isEqualTo(4);
		assertThat(this.stall.remembered(3500 * MILLIS)).isEqualTo(500 * MILLIS);
		assertThat(this.stall.limit(4000 * MILLIS)).isEqualTo(Integer.MAX_VALUE);
		assertThat(this.stall.remembered(4000 * MILLIS)).isZero();
	}

	private static PoolSample sample(int total, int maximum, long opened, long openMillis) {
		return new PoolSample(100 * MILLIS, 10, 0, 0, 10, 0, 0, 0, total, 0, 5, maximum, maximum, 5000 * MILLIS,
				openMillis * MILLIS, opened, null);
	}

}
