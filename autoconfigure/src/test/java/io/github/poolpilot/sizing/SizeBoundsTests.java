package io.github.poolpilot.sizing;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SizeBounds}.
 */
class SizeBoundsTests {

	@Test
	void withoutMaxSizeOrBudgetThePoolNeverGrowsBeyondItsStartingSize() {
		SizeBounds bounds = bounds(2, null);
		bounds.start(5);
		assertThat(bounds.upper(sample(null))).isEqualTo(5);
		assertThat(bounds.describeUpper(sample(null)))
			.isEqualTo("the size the pool started with (5; set poolpilot.sizing.max-size to let it grow)");
	}

	@Test
	void budgetBelowMaxSizeIsTheUpperBound() {
		SizeBounds bounds = bounds(2, 40);
		assertThat(bounds.upper(sample(6))).isEqualTo(6);
		assertThat(bounds.describeUpper(sample(6))).isEqualTo("the database's connection budget of 6");
	}

	@Test
	void maxSizeBelowTheBudgetIsTheUpperBound() {
		SizeBounds bounds = bounds(2, 10);
		assertThat(bounds.upper(sample(20))).isEqualTo(10);
		assertThat(bounds.describeUpper(sample(20))).isEqualTo("poolpilot.sizing.max-size of 10");
	}

	@Test
	void upperBoundWinsOverMinSizeAndIsAtLeastOne() {
		SizeBounds bounds = bounds(4, 40);
		assertThat(bounds.upper(sample(0))).isEqualTo(1);
		assertThat(bounds.lower(1)).isEqualTo(1);
		assertThat(bounds.lower(40)).isEqualTo(4);
	}

	private static SizeBounds bounds(int minSize, @Nullable Integer maxSize) {
		return new SizeBounds(new SizingSettings(SizingMode.AUTO, minSize, maxSize, Duration.ofSeconds(1),
				Duration.ofSeconds(3), Duration.ofSeconds(30), 0.9, 1.0, 0.2, Duration.ofMinutes(5)));
	}

	private static PoolSample sample(@Nullable Integer budget) {
		return new PoolSample(1_000_000_000L, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 5, 5, 5_000_000_000L, 0, 0, budget);
	}

}
