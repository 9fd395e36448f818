package io.github.poolpilot.guard;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warning's wording, as STYLE.md fixes it.
 */
class ViolationTests {

	private static final RemoteCall CALL = new RemoteCall(RemoteCallKind.HTTP, "POST http://ci:8080/job/build", "ci",
			"observation");

	@Test
	void callInTheTransactionsOwnMethodIsNamedByFileAndLine() {
		Violation violation = new Violation(Instant.now(), "HikariPool-1", "BuildService.build()", CALL,
				"BuildService.build(BuildService.java:42)", Duration.ofMillis(1840), 9, 10, 4, "main");
		assertThat(violation.message()).isEqualTo("HikariPool-1 - BuildService.build() holds a connection across "
				+ "POST http://ci:8080/job/build (held 1840 ms, at BuildService.java:42; active=9/10, waiting=4). "
				+ "Move the remote call out of the transaction.");
	}

	@Test
	void callElsewhereIsNamedByMethodAndUnknownStateByQuestionMarks() {
		Violation violation = new Violation(Instant.now(), "HikariPool-1", "BuildService.build()", CALL,
				"JenkinsClient.trigger(JenkinsClient.java:17)", Duration.ofMillis(3), -1, 10, -1, "main");
		assertThat(violation.message())
			.contains("(held 3 ms, at JenkinsClient.trigger(JenkinsClient.java:17); " + "active=?/10, waiting=?)");
	}

}
