package io.github.poolpilot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidPoolPilotPropertyException} into a startup report that names the property, the
 * rejected value and what to set, in place of a stack trace.
 */
class InvalidPoolPilotPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPoolPilotPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPoolPilotPropertyException cause) {
		String description = String.format("Invalid Pool Pilot configuration:%n%n    Property: %s%n    Value: %s%n"
				+ "    Reason: %s%n", cause.getProperty(), cause.getValue(), cause.getReason());
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
