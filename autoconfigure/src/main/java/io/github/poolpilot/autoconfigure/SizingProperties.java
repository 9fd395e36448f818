package io.github.poolpilot.autoconfigure;

import java.time.Duration;

import io.github.poolpilot.sizing.SizingMode;
import io.github.poolpilot.sizing.SizingSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/**
 * Configuration properties for adaptive pool sizing. Every value is checked when the
 * application starts; a bad one fails startup with a report that names it.
 *
 * @author Pool Pilot contributors
 */
@ConfigurationProperties("poolpilot.sizing")
public class SizingProperties implements InitializingBean {

	private static final String PREFIX = "poolpilot.sizing.";

	private static final Duration MIN_INTERVAL = Duration.ofMillis(10);

	/**
	 * Whether to size pools from their measured load. The mode decides whether pools are
	 * resized or only reported on.
	 */
	private boolean enabled = true;

	/**
	 * Whether to resize pools ('auto') or only compute, log and publish the size each
	 * pool should have ('recommend').
	 */
	private SizingMode mode = SizingMode.RECOMMEND;

	/**
	 * Smallest maximumPoolSize the controller sets.
	 */
	private int minSize = 2;

	/**
	 * Largest maximumPoolSize the controller sets. The database's connection budget, when
	 * it could be read, caps it further; without either, pools never grow beyond the size
	 * they started with.
	 */
	private @Nullable Integer maxSize;

	/**
	 * Interval at which each pool's load is sampled and its size decided.
	 */
	private Duration interval = Duration.ofSeconds(1);

	/**
	 * Least time between two changes of a pool's size.
	 */
	private Duration cooldown = Duration.ofSeconds(3);

	/**
	 * Time the load must stay lower before a pool shrinks; it then shrinks to the highest
	 * need seen in that time.
	 */
	private Duration shrinkDelay = Duration.ofSeconds(30);

	/**
	 * Percentile of the connection hold time that Little's law is applied to, in (0, 1).
	 */
	private double holdTimePercentile = 0.9;

	/**
	 * Connections kept above the demand 'a', as a multiple of sqrt(a) (square-root
	 * staffing); 0 for none.
	 */
	private double headroom = 1.0;

	/**
	 * Rise of the mean hold time after a growth step, as a ratio, above which the
	 * database counts as saturated when throughput rose less. Half of it is the share of
	 * throughput a step down below the saturated size may lose.
	 */
	private double saturationTolerance = 0.2;

	/**
	 * Time a size found to saturate the database caps growth.
	 */
	private Duration saturationMemory = Duration.ofMinutes(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public SizingMode getMode() {
		return this.mode;
	}

	public void setMode(SizingMode mode) {
		this.mode = mode;
	}

	public int getMinSize() {
		return this.minSize;
	}

	public void setMinSize(int minSize) {
		this.minSize = minSize;
	}

	public @Nullable Integer getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(@Nullable Integer maxSize) {
		this.maxSize = maxSize;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	/**
	 * Return the least time between two changes of a pool's size.
	 * @return the cooldown
	 * @deprecated since 0.1.0: the time between steps follows the pool's measured hold
	 * and connection-open times, and shrinking follows {@code shrink-delay}
	 */
	@Deprecated(since = "0.1.0")
	@DeprecatedConfigurationProperty(replacement = "poolpilot.sizing.shrink-delay",
			reason = "Growth steps are judged at the time scale of the pool's hold and connection-open times; "
					+ "steps down while the load is low are a tenth of shrink-delay apart",
			since = "0.1.0")
	public Duration getCooldown() {
		return this.cooldown;
	}

	public void setCooldown(Duration cooldown) {
		this.cooldown = cooldown;
	}

	public Duration getShrinkDelay() {
		return this.shrinkDelay;
	}

	public void setShrinkDelay(Duration shrinkDelay) {
		this.shrinkDelay = shrinkDelay;
	}

	public double getHoldTimePercentile() {
		return this.holdTimePercentile;
	}

	public void setHoldTimePercentile(double holdTimePercentile) {
		this.holdTimePercentile = holdTimePercentile;
	}

	public double getHeadroom() {
		return this.headroom;
	}

	public void setHeadroom(double headroom) {
		this.headroom = headroom;
	}

	public double getSaturationTolerance() {
		return this.saturationTolerance;
	}

	public void setSaturationTolerance(double saturationTolerance) {
		this.saturationTolerance = saturationTolerance;
	}

	public Duration getSaturationMemory() {
		return this.saturationMemory;
	}

	public void setSaturationMemory(Duration saturationMemory) {
		this.saturationMemory = saturationMemory;
	}

	SizingSettings toSettings() {
		return new SizingSettings(this.mode, this.minSize, this.maxSize, this.interval, this.cooldown, this.shrinkDelay,
				this.holdTimePercentile, this.headroom, this.saturationTolerance, this.saturationMemory);
	}

	@Override
	public void afterPropertiesSet() {
		if (this.minSize < 1) {
			throw new InvalidPoolPilotPropertyException(PREFIX + "min-size", this.minSize,
					"must be at least 1 (HikariCP needs one connection)",
					"Set poolpilot.sizing.min-size to 1 or more, such as 2.");
		}
		if (this.maxSize != null && this.maxSize < this.minSize) {
			throw new InvalidPoolPilotPropertyException(PREFIX + "max-size", this.maxSize,
					"must not be below poolpilot.sizing.min-size (" + this.minSize + ")",
					"Set poolpilot.sizing.max-size to at least " + this.minSize
							+ ", or lower poolpilot.sizing.min-size.");
		}
		if (this.interval.compareTo(MIN_INTERVAL) < 0) {
			throw new InvalidPoolPilotPropertyException(PREFIX + "interval", this.interval, "must be at least 10ms",
					"Set poolpilot.sizing.interval to a duration such as 1s.");
		}
		requireNotNegative("cooldown", this.cooldown, "3s");
		requireNotNegative("shrink-delay", this.shrinkDelay, "30s");
		requireNotNegative("saturation-memory", this.saturationMemory, "5m");
		if (!(this.holdTimePercentile > 0 && this.holdTimePercentile < 1)) {
			throw new InvalidPoolPilotPropertyException(PREFIX + "hold-time-percentile", this.holdTimePercentile,
					"must be a ratio above 0 and below 1",
					"Set poolpilot.sizing.hold-time-percentile to a ratio such as 0.9 for the 90th percentile.");
		}
		if (!(this.headroom >= 0 && this.headroom <= 10)) {
			throw new InvalidPoolPilotPropertyException(PREFIX + "headroom", this.headroom, "must be between 0 and 10",
					"Set poolpilot.sizing.headroom to a number such as 1.0.");
		}
		if (!(this.saturationTolerance > 0 && this.saturationTolerance <= 10)) {
			throw new InvalidPoolPilotPropertyException(PREFIX + "saturation-tolerance", this.saturationTolerance,
					"must be a ratio above 0 and at most 10",
					"Set poolpilot.sizing.saturation-tolerance to a ratio such as 0.2 for a 20% rise.");
		}
	}

	private static void requireNotNegative(String name, Duration value, String example) {
		if (value.isNegative()) {
			throw new InvalidPoolPilotPropertyException(PREFIX + name, value, "must not be negative",
					"Set poolpilot.sizing." + name + " to a duration such as " + example + ".");
		}
	}

}
