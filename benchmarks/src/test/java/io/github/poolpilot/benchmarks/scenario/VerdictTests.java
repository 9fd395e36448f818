package io.github.poolpilot.benchmarks.scenario;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Verdict}'s median over repeated runs.
 */
class VerdictTests {

	@Test
	void medianIsTheRunWithTheMiddleMargin() {
		Verdict median = Verdict
			.median(List.of(verdict("2.5x", false, -0.5), verdict("1.5x", true, 0.5), verdict("1.9x", true, 0.1)));
		assertThat(median.pass()).isTrue();
		assertThat(median.margin()).isEqualTo(0.1);
		assertThat(median.measured()).isEqualTo("median of 3 (runs: MISS, pass, pass) is run 3: 1.9x");
	}

	@Test
	void medianOfTwoMissesAndOnePassMisses() {
		Verdict median = Verdict
			.median(List.of(verdict("a", true, 3), verdict("b", false, -1), verdict("c", false, -20)));
		assertThat(median.word()).isEqualTo("MISS");
		assertThat(median.measured()).endsWith("is run 2: b");
	}

	@Test
	void medianOfAnEvenCountIsTheWorseOfTheMiddleTwo() {
		Verdict median = Verdict.median(List.of(verdict("a", true, 3), verdict("b", true, 1)));
		assertThat(median.measured()).endsWith("is run 2: b");
	}

	@Test
	void runsThatCannotTellAreLeftOutAndVerdictsWithoutMarginCountTheirPass() {
		Verdict median = Verdict.median(List.of(new Verdict("s", "c", "t", "short", null),
				new Verdict("s", "c", "t", "missed", false), new Verdict("s", "c", "t", "met", true)));
		// of the two that tell, the worse of the middle two is the miss
		assertThat(median.word()).isEqualTo("MISS");
		assertThat(median.measured()).startsWith("median of 3 (runs: n/a, MISS, pass) is run 2");
		Verdict none = Verdict.median(List.of(new Verdict("s", "c", "t", "short", null)));
		assertThat(none.word()).isEqualTo("n/a");
	}

	private static Verdict verdict(String measured, boolean pass, double margin) {
		return new Verdict("surge", "Pool Pilot auto", "p99", measured, pass, margin);
	}

}
