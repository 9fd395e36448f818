package io.github.poolpilot.benchmarks.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link Phase}'s arrival plan.
 */
class PhaseTests {

	@Test
	void steadyPhaseSpacesArrivalsEvenly() {
		Phase phase = Phase.steady("steady", 50, 2);
		assertThat(phase.arrivals()).isEqualTo(100);
		assertThat(phase.offsetNanos(0)).isZero();
		assertThat(phase.offsetNanos(1)).isEqualTo(20_000_000);
		assertThat(phase.offsetNanos(99)).isEqualTo(1_980_000_000);
	}

	@Test
	void rampArrivesAtTheMeanRateAndFasterTowardsItsEnd() {
		Phase up = Phase.ramp("up", 50, 600, 30);
		assertThat(up.meanRate()).isEqualTo(325.0);
		assertThat(up.arrivals()).isEqualTo(9750);
		// the first half of the time holds (50 + 325) / 2 x 15 s = 2812.5 arrivals
		assertThat(up.offsetNanos(2812) / 1e9).isCloseTo(15.0, within(0.01));
		long firstGap = up.offsetNanos(1) - up.offsetNanos(0);
		long lastGap = up.offsetNanos(9749) - up.offsetNanos(9748);
		assertThat(firstGap / 1e6).isCloseTo(20.0, within(0.1));
		assertThat(lastGap / 1e6).isCloseTo(1000.0 / 600, within(0.01));
		assertThat(up.offsetNanos(9749)).isLessThan(up.nanos());
	}

	@Test
	void rampDownMirrorsTheRampUp() {
		Phase down = Phase.ramp("down", 600, 50, 30);
		assertThat(down.arrivals()).isEqualTo(9750);
		assertThat((down.offsetNanos(1) - down.offsetNanos(0)) / 1e6).isCloseTo(1000.0 / 600, within(0.01));
		assertThat((down.offsetNanos(9749) - down.offsetNanos(9748)) / 1e6).isCloseTo(20.0, within(0.5));
		assertThat(down.offsetNanos(9749)).isLessThan(down.nanos());
	}

}
