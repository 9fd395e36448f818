package io.github.poolpilot.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns an {@link InvalidPoolPilotPropertyException} into a startup report that names the
 * property, the value as the user wrote it, what is wrong and what to set, in place of a
 * stack trace.
 *
 * @author Pool Pilot contributors
 */
class InvalidPoolPilotPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPoolPilotPropertyException> {

	private final @Nullable Environment environment;

	InvalidPoolPilotPropertyFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPoolPilotPropertyException cause) {
		String written = (this.environment != null) ? this.environment.getProperty(cause.getProperty()) : null;
		String description = String.format(
				"Invalid Pool Pilot configuration:%n%n    Property: %s%n    Value: %s%n" + "    Reason: %s%n",
				cause.getProperty(), (written != null) ? written : cause.getValue(), cause.getReason());
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
