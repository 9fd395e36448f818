package io.github.poolpilot.benchmarks.scenario;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServerLog}.
 */
class ServerLogTests {

	@Test
	void refusalsAreTheFatalsOfAFullServerOrRole() {
		List<ServerLog.Refusal> refusals = ServerLog.refusals(List.of(
				"2026-12-01 22:07:08.690 UTC|||LOG:  starting PostgreSQL 14.22 on x86_64-pc-linux-gnu",
				"2026-12-01 22:07:31.254 UTC|app|orders a|FATAL:  too many connections for role \"app\"",
				"2026-12-01 22:07:31.300 UTC|app|orders c|ERROR:  too many connections for role \"app\" (not fatal)",
				"2026-12-01 22:07:32.000 UTC|app||FATAL:  remaining connection slots are reserved for "
						+ "non-replication superuser connections",
				"2026-12-01 22:07:33.000 UTC|[unknown]||FATAL:  sorry, too many clients already",
				"2026-12-01 22:08:05.072 UTC|app|orders b|FATAL:  terminating connection due to administrator command",
				"a line of another shape"));
		assertThat(refusals).extracting(ServerLog.Refusal::user).containsExactly("app", "app", "[unknown]");
		assertThat(refusals.get(0).applicationName()).isEqualTo("orders a");
		assertThat(refusals.get(0).reason()).isEqualTo("too many connections for role");
		assertThat(refusals.get(1).epochMillis() - refusals.get(0).epochMillis()).isEqualTo(746);
	}

}
