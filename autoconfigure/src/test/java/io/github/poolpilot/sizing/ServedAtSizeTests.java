package io.github.poolpilot.sizing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServedAtSize}.
 */
class ServedAtSizeTests {

	private static final long MILLIS = 1_000_000L;

	private final ServedAtSize served = new ServedAtSize();

	@Test
	void recentCoversTheLastHalfToWholeSecond() {
		this.served.add(sample(300));
		assertThat(this.served.recent().nanos()).isEqualTo(300 * MILLIS);
		this.served.add(sample(300));
		assertThat(this.served.recent().nanos()).isEqualTo(600 * MILLIS);
		this.served.add(sample(300));
		assertThat(this.served.recent().nanos()).isEqualTo(900 * MILLIS);
		this.served.add(sample(300));
		// the first 600 ms are forgotten once the next half second is whole
		assertThat(this.served.recent().nanos()).isEqualTo(600 * MILLIS);
	}

	@Test
	void resizedPoolStartsAnew() {
		this.served.add(sample(300));
		this.served.resized();
		assertThat(this.served.recent().nanos()).isZero();
	}

	private static PoolSample sample(long millis) {
		return new PoolSample(millis * MILLIS, 10, 0, 0, 10, 200 * MILLIS, 22 * MILLIS, 0, 1, 3, 0, 4, 4, 5000 * MILLIS,
				0, 0, null);
	}

}
