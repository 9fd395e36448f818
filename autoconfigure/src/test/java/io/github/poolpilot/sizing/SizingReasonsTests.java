package io.github.poolpilot.sizing;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SizingReasonsTests {

	@Test
	void decimalsReadAsFormattersWouldWriteThem() {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 100_000; i++) {
			double value = switch (i % 4) {
				case 0 -> random.nextDouble(-1000, 1000);
				case 1 -> Math.round(random.nextDouble(-100, 100) * 100) / 100.0;
				case 2 -> random.nextDouble(0, 1e-3);
				default -> random.nextDouble(1e6, 1e9);
			};
			assertThat(SizingReasons.decimal(value, 1)).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
			assertThat(SizingReasons.decimal(value, 0)).isEqualTo(String.format(Locale.ROOT, "%.0f", value));
		}
		for (double edge : new double[] { 0.0, -0.0, 0.05, 1.45, -1.45, 2.5, -0.04, Double.NaN,
				Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY }) {
			assertThat(SizingReasons.decimal(edge, 1)).isEqualTo(String.format(Locale.ROOT, "%.1f", edge));
			assertThat(SizingReasons.decimal(edge, 0)).isEqualTo(String.format(Locale.ROOT, "%.0f", edge));
		}
	}

}
