package io.github.poolpilot.autoconfigure;

import java.util.function.Consumer;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.validation.Errors;

/**
 * The rules of one group of {@code poolpilot.*} properties, applied by Boot's binder
 * through the group's {@link org.springframework.validation.Validator}. A rule names its
 * property once, as the Java property; a broken rule becomes a field error whose message
 * says what is wrong and whose one argument says what to set, which
 * {@link InvalidPoolPilotPropertyFailureAnalyzer} reports under the full property name.
 *
 * @author Pool Pilot contributors
 */
final class PropertyRules {

	/**
	 * Error code of every broken rule, by which the failure analyzer knows its own.
	 */
	static final String ERROR_CODE = "poolpilot.invalid";

	private final Errors errors;

	PropertyRules(Errors errors) {
		this.errors = errors;
	}

	/**
	 * Reject a property unless it is valid. A property that a rule already rejected is
	 * not checked again, so each bad value is reported once.
	 * @param property the Java property, such as {@code connectionTimeout}
	 * @param valid whether the bound value is acceptable
	 * @param reason what is wrong with the value, such as "must be at least 1"
	 * @param advice what to set it to, read after "Set <property> ", such as "to a
	 * duration such as 5s"
	 * @return these rules
	 */
	PropertyRules require(String property, boolean valid, String reason, String advice) {
		if (!valid && !this.errors.hasFieldErrors(property)) {
			this.errors.rejectValue(property, ERROR_CODE, new Object[] { advice }, reason);
		}
		return this;
	}

	/**
	 * Apply the rules of a nested group, such as {@code tuning}.
	 * @param path the Java property that holds the group
	 * @param group the rules of the group
	 */
	void nested(String path, Consumer<PropertyRules> group) {
		this.errors.pushNestedPath(path);
		try {
			group.accept(this);
		}
		finally {
			this.errors.popNestedPath();
		}
	}

	/**
	 * Return the full name of a property of the group being checked, for a rule that
	 * names another property in its reason or advice.
	 * @param property the Java property, such as {@code minSize}
	 * @return the full name, such as {@code poolpilot.sizing.min-size}
	 */
	String fullName(String property) {
		return this.errors.getObjectName() + "."
				+ DataObjectPropertyName.toDashedForm(this.errors.getNestedPath() + property);
	}

}
