package io.github.poolpilot.benchmarks.scenario;

import java.util.List;
import java.util.Locale;

/**
 * One load scenario: its phases and what each request does.
 *
 * @param id short name used in files ({@code io-bound}, {@code cpu-bound}, {@code spike})
 * @param title what the scenario is, for tables
 * @param phases the arrival plan
 * @param work what each request runs
 * @param plotFromSeconds where its plot starts, in seconds since the run started
 * @author Pool Pilot contributors
 */
record Scenario(String id, String title, List<Phase> phases, Work work, double plotFromSeconds) {

	/**
	 * The I/O-bound transaction: it holds its connection about 20 ms while the database
	 * sleeps.
	 */
	static final String SLEEP_20MS = "select pg_sleep(0.02)";

	/**
	 * Return the I/O-bound scenario: 50/s, then 200/s, then 50/s of 20 ms transactions.
	 * @param quick whether to shorten the phases (the last is then too short to judge
	 * shrinking)
	 * @return the scenario
	 */
	static Scenario ioBound(boolean quick) {
		return new Scenario("io-bound", "I/O-bound: pg_sleep(0.02), 50/s -> 200/s -> 50/s",
				List.of(Phase.steady("50/s", 50, quick ? 10 : 40), Phase.steady("200/s", 200, quick ? 10 : 40),
						Phase.steady("50/s again", 50, quick ? 20 : 60)),
				Work.query(SLEEP_20MS), 0);
	}

	/**
	 * Return the CPU-bound scenario at a given rate.
	 * @param rate arrivals per second, above what the database's cores can serve
	 * @param sql the CPU-heavy query
	 * @param seconds how long it lasts
	 * @return the scenario
	 */
	static Scenario cpuBound(double rate, String sql, double seconds) {
		return new Scenario("cpu-bound", String.format(Locale.ROOT, "CPU-bound: %s at %.0f/s", sql, rate),
				List.of(Phase.steady(String.format(Locale.ROOT, "%.0f/s", rate), rate, seconds)), Work.query(sql), 0);
	}

	/**
	 * Return this scenario with another title.
	 * @param title the title
	 * @return the scenario
	 */
	Scenario withTitle(String title) {
		return new Scenario(this.id + "-sweep", title, this.phases, this.work, this.plotFromSeconds);
	}

	/**
	 * Return the spike scenario: idle long enough for an adaptive pool to reach its idle
	 * size, then 50 requests at once, each a 20 ms transaction.
	 * @return the scenario
	 */
	static Scenario spike() {
		return new Scenario("spike", "Spike: idle 40 s, then 50 concurrent pg_sleep(0.02)",
				List.of(Phase.steady("idle", 0, 40), new Phase("burst of 50", 0, 10, 50)), Work.query(SLEEP_20MS), 38);
	}

}
