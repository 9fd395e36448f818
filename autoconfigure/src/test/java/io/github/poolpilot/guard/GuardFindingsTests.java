package io.github.poolpilot.guard;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recent violations, per-call-site aggregates, warning schedule and remote wait.
 */
class GuardFindingsTests {

	@Test
	void callSitesAreAggregatedAndBounded() {
		GuardFindings findings = new GuardFindings(2, 2, Duration.ofMinutes(1));
		assertThat(findings.record(violation("A.a(A.java:1)", 10))).isTrue();
		assertThat(findings.record(violation("A.a(A.java:1)", 30))).isFalse();
		findings.record(violation("B.b(B.java:2)", 5));
		findings.record(violation("C.c(C.java:3)", 5));
		assertThat(findings.callSites()).extracting(CallSiteSummary::callSite)
			.containsExactly("A.a(A.java:1)", GuardFindings.OTHER_CALL_SITES, "B.b(B.java:2)");
		assertThat(findings.callSites().get(0).maxHeld()).isEqualTo(Duration.ofMillis(30));
		assertThat(findings.recentViolations()).extracting(Violation::callSite)
			.containsExactly("B.b(B.java:2)", "C.c(C.java:3)");
		assertThat(findings.violationCount()).isEqualTo(4);
	}

	@Test
	void zeroIntervalLogsEveryViolation() {
		GuardFindings findings = new GuardFindings(10, 10, Duration.ZERO);
		assertThat(findings.record(violation("A.a(A.java:1)", 1))).isTrue();
		assertThat(findings.record(violation("A.a(A.java:1)", 1))).isTrue();
	}

	@Test
	void remoteWaitIsSummedPerPool() {
		GuardFindings findings = new GuardFindings(10, 10, Duration.ZERO);
		findings.addRemoteWait("one", 5);
		findings.addRemoteWait("one", 7);
		assertThat(findings.remoteWaitNanos("one")).isEqualTo(12);
		assertThat(findings.remoteWaitNanos("two")).isZero();
	}

	private static Violation violation(String callSite, long heldMillis) {
		return new Violation(Instant.now(), "pool", "A.a()",
				new RemoteCall(RemoteCallKind.HTTP, "GET http://ci/", "ci", "direct"), callSite,
				Duration.ofMillis(heldMillis), 1, 2, 0, "main");
	}

}
