package io.github.poolpilot.jfr;

/**
 * Whether the runtime has JDK Flight Recorder's {@code jdk.jfr} module. A trimmed runtime
 * (jlink) may leave it out; the sites that commit events check this first, so that the
 * event classes are never resolved there.
 *
 * @author Pool Pilot contributors
 */
public final class FlightRecorderEvents {

	/**
	 * Whether {@code jdk.jfr.Event} can be loaded.
	 */
	public static final boolean AVAILABLE = isAvailable();

	private FlightRecorderEvents() {
	}

	private static boolean isAvailable() {
		try {
			Class.forName("jdk.jfr.Event", false, FlightRecorderEvents.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
