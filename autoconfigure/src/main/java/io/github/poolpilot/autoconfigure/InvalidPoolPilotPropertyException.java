package io.github.poolpilot.autoconfigure;

/**
 * Thrown at startup when a {@code poolpilot.*} property has a value Pool Pilot cannot
 * work with. Carries the property, the rejected value, what is wrong and what to set, for
 * {@link InvalidPoolPilotPropertyFailureAnalyzer} to report.
 *
 * @author Pool Pilot contributors
 */
public class InvalidPoolPilotPropertyException extends IllegalStateException {

	private final String property;

	private final String value;

	private final String reason;

	private final String action;

	/**
	 * Create an exception.
	 * @param property the full property name
	 * @param value the rejected value as bound
	 * @param reason what is wrong with it
	 * @param action what to set instead
	 */
	public InvalidPoolPilotPropertyException(String property, Object value, String reason, String action) {
		super("Invalid value '" + value + "' for property '" + property + "': " + reason);
		this.property = property;
		this.value = String.valueOf(value);
		this.reason = reason;
		this.action = action;
	}

	/**
	 * Return the full name of the rejected property.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the rejected value.
	 * @return the value as bound
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Return what is wrong with the value.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Return what to set instead.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
