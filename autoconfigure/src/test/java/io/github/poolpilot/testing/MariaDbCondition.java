package io.github.poolpilot.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link EnabledWithMariaDb}.
 */
class MariaDbCondition implements ExecutionCondition {

	private static final String HOW = "MariaDB tests skipped: no mariadbd on this machine "
			+ "(apt-get install mariadb-server to run them; CI installs it)";

	private static final AtomicBoolean said = new AtomicBoolean();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (MariaDbServer.installed()) {
			return ConditionEvaluationResult.enabled("MariaDB is installed");
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			// in CI nothing is skipped: starting the server fails the tests, saying what
			// is
			// missing
			return ConditionEvaluationResult.enabled("CI=true: MariaDB is required");
		}
		if (said.compareAndSet(false, true)) {
			// straight to the process's error stream: the build redirects test output
			// to files, and this line is for the person running the build
			new PrintStream(new FileOutputStream(FileDescriptor.err), true).println(HOW);
		}
		return ConditionEvaluationResult.disabled(HOW);
	}

}
