package io.github.poolpilot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns the rules that {@link PropertyRules} found broken into a startup report that
 * names each property, its value as the user wrote it, what is wrong and what to set, in
 * place of Boot's generic report for a {@link BindValidationException}. Only
 * {@code poolpilot.*} properties reach it, none of which holds a credential.
 *
 * @author Pool Pilot contributors
 */
class InvalidPoolPilotPropertyFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException>
		implements Ordered {

	private static final String NOT_SET = "(not set)";

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
		ValidationErrors errors = cause.getValidationErrors();
		StringBuilder description = new StringBuilder(String.format("Invalid Pool Pilot configuration:%n"));
		List<String> actions = new ArrayList<>();
		for (ObjectError error : errors.getAllErrors()) {
			if (error instanceof FieldError fieldError && PropertyRules.ERROR_CODE.equals(error.getCode())) {
				String property = errors.getName() + "." + DataObjectPropertyName.toDashedForm(fieldError.getField());
				description.append(String.format("%n    Property: %s%n    Value: %s%n", property,
						valueAsWritten(errors, property, fieldError)));
				Origin origin = Origin.from(fieldError);
				if (origin != null) {
					description.append(String.format("    Origin: %s%n", origin));
				}
				description.append(String.format("    Reason: %s%n", error.getDefaultMessage()));
				actions.add("Set " + property + " " + advice(error) + ".");
			}
		}
		if (actions.isEmpty()) {
			// another validator's errors: Boot's own analyzer reports them
			return null;
		}
		return new FailureAnalysis(description.toString(), String.join(System.lineSeparator(), actions), cause);
	}

	private static Object valueAsWritten(ValidationErrors errors, String property, FieldError error) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationProperty bound : errors.getBoundProperties()) {
			if (bound.getName().equals(name)) {
				return bound.getValue();
			}
		}
		Object rejected = error.getRejectedValue();
		return (rejected != null) ? rejected : NOT_SET;
	}

	private static Object advice(ObjectError error) {
		Object[] arguments = error.getArguments();
		return (arguments != null && arguments.length > 0) ? arguments[0] : "to a valid value";
	}

	@Override
	public int getOrder() {
		// before Boot's BindValidationFailureAnalyzer, which would report the same
		// exception without the advice
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
