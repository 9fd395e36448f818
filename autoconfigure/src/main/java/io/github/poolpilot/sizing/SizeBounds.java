package io.github.poolpilot.sizing;

import org.jspecify.annotations.Nullable;

/**
 * The bounds a pool's size stays within: at least {@code min-size}, and at most
 * {@code max-size} and the database's connection budget or, when neither is known, the
 * size the pool started with. The upper bound wins over {@code min-size}, so that the
 * pool never goes above the database's budget.
 *
 * @author Pool Pilot contributors
 */
final class SizeBounds {

	private final int minSize;

	private final @Nullable Integer maxSize;

	private int initial;

	SizeBounds(SizingSettings settings) {
		this.minSize = settings.minSize();
		this.maxSize = settings.maxSize();
	}

	/**
	 * Remember the size the pool started with.
	 * @param initial its {@code maximumPoolSize} at the first sample
	 */
	void start(int initial) {
		this.initial = initial;
	}

	/**
	 * Return the largest size the pool may have.
	 * @param sample the latest sample, with the database's connection budget
	 * @return connections, at least 1
	 */
	int upper(PoolSample sample) {
		Integer budget = sample.connectionBudget();
		if (this.maxSize == null && budget == null) {
			return this.initial;
		}
		int upper = Math.min((this.maxSize != null) ? this.maxSize : Integer.MAX_VALUE,
				(budget != null) ? budget : Integer.MAX_VALUE);
		return Math.max(1, upper);
	}

	/**
	 * Return the smallest size the pool may have.
	 * @param upper the largest
	 * @return connections
	 */
	int lower(int upper) {
		return Math.min(this.minSize, upper);
	}

	/**
	 * Name the bound that gives the largest size, for a reason.
	 * @param sample the latest sample, with the database's connection budget
	 * @return the bound in words
	 */
	String describeUpper(PoolSample sample) {
		Integer budget = sample.connectionBudget();
		if (budget != null && (this.maxSize == null || budget <= this.maxSize)) {
			return SizingReasons.budget(budget);
		}
		return (this.maxSize != null) ? SizingReasons.maxSize(this.maxSize) : SizingReasons.startingSize(this.initial);
	}

}
