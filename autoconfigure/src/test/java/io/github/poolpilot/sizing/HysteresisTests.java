package io.github.poolpilot.sizing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Hysteresis}, with a shrink delay of 30 s.
 */
class HysteresisTests {

	private static final long SECOND = 1_000_000_000L;

	private final Hysteresis hysteresis = new Hysteresis(30 * SECOND);

	@Test
	void needAboveTheSizeIsConfirmedASecondAfterItFirstShowed() {
		assertThat(this.hysteresis.confirmed(0)).isFalse();
		assertThat(this.hysteresis.confirmed(SECOND / 2)).isFalse();
		assertThat(this.hysteresis.confirmed(SECOND)).isTrue();
	}

	@Test
	void needThatDoesNotShowAgainStartsOver() {
		this.hysteresis.confirmed(0);
		this.hysteresis.unconfirm();
		assertThat(this.hysteresis.confirmed(2 * SECOND)).isFalse();
		assertThat(this.hysteresis.confirmed(3 * SECOND)).isTrue();
	}

	@Test
	void bandIsATenthOfTheSizeAndOneConnectionRightAfterGrowth() {
		assertThat(this.hysteresis.band(40)).isEqualTo(4);
		assertThat(this.hysteresis.band(5)).isZero();
		this.hysteresis.changed(SECOND, true);
		assertThat(this.hysteresis.band(5)).isEqualTo(1);
		this.hysteresis.changed(2 * SECOND, false);
		assertThat(this.hysteresis.band(5)).isZero();
	}

	@Test
	void poolShrinksOnlyOnceTheDelayHasPassedSinceItGrewInStepsATenthOfItApart() {
		this.hysteresis.changed(SECOND, true);
		assertThat(this.hysteresis.shrinkTo(30 * SECOND, 2, 16)).isEqualTo(16);
		assertThat(this.hysteresis.shrinkTo(31 * SECOND, 2, 16)).isEqualTo(8);
		this.hysteresis.changed(31 * SECOND, false);
		assertThat(this.hysteresis.sinceChange(33 * SECOND)).isEqualTo(2 * SECOND);
		assertThat(this.hysteresis.shrinkTo(33 * SECOND, 2, 8)).isEqualTo(8);
		assertThat(this.hysteresis.shrinkTo(34 * SECOND, 2, 8)).isEqualTo(4);
	}

	@Test
	void poolShrinksToTheHighestNeedOfTheWindowButNotWithinTheBand() {
		assertThat(this.hysteresis.shrinkTo(40 * SECOND, 12, 16)).isEqualTo(12);
		assertThat(this.hysteresis.shrinkTo(40 * SECOND, 15, 16)).isEqualTo(16);
	}

}
