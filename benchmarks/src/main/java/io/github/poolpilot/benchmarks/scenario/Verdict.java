package io.github.poolpilot.benchmarks.scenario;

import org.jspecify.annotations.Nullable;

/**
 * One of Pool Pilot's load targets ({@link Targets}) checked against one run.
 *
 * @param scenario the scenario's id
 * @param contender the contender's label
 * @param target what was required
 * @param measured what the run showed
 * @param pass whether the run met it, or {@code null} when the run cannot tell (a phase
 * too short)
 * @author Pool Pilot contributors
 */
record Verdict(String scenario, String contender, String target, String measured, @Nullable Boolean pass) {

	/**
	 * Return the verdict as a word.
	 * @return {@code pass}, {@code MISS} or {@code n/a}
	 */
	String word() {
		return (this.pass == null) ? "n/a" : this.pass ? "pass" : "MISS";
	}

}
