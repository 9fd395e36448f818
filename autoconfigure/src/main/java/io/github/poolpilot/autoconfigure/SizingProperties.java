package io.github.poolpilot.autoconfigure;

import java.time.Duration;

import io.github.poolpilot.sizing.SizingMode;
import io.github.poolpilot.sizing.SizingSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for adaptive pool sizing. Boot's binder checks every value
 * with the rules below when the application starts; a bad one fails startup with a report
 * that names it.
 *
 * @author Pool Pilot contributors
 */
@ConfigurationProperties("poolpilot.sizing")
public class SizingProperties implements Validator {

	private static final Duration MIN_INTERVAL = Duration.ofMillis(10);

	/**
	 * Whether to size pools from their measured load. The mode decides whether pools are
	 * resized or only reported on.
	 */
	private boolean enabled = true;

	/**
	 * Whether to resize pools ('auto') or only compute, log and publish the size each
	 * pool should have ('recommend'). When not set, pools in a fleet are resized and any
	 * other pool (not PostgreSQL, or poolpilot.fleet.enabled=false) only gets
	 * recommendations, with one INFO line at startup.
	 */
	private SizingMode mode = SizingMode.AUTO;

	/**
	 * Smallest maximumPoolSize the controller sets.
	 */
	private int minSize = 2;

	/**
	 * Largest maximumPoolSize the controller sets. The database's connection budget (or
	 * the replica's fleet share) and, in 'auto' mode, the pool's own maximum-pool-size
	 * when the application set one, cap it further; without any of them, pools never grow
	 * beyond the size they started with.
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
	 * need seen in that time. A pool backed off because the database refused connections
	 * asks for more again after this time.
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
	public boolean supports(Class<?> type) {
		return SizingProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		SizingProperties properties = (SizingProperties) target;
		PropertyRules rules = new PropertyRules(errors);
		int minSize = properties.minSize;
		Integer maxSize = properties.maxSize;
		String minSizeName = rules.fullName("minSize");
		rules
			.require("minSize", minSize >= 1, "must be at least 1 (HikariCP needs one connection)",
					"to 1 or more, such as 2")
			.require("maxSize", maxSize == null || maxSize >= minSize,
					"must not be below " + minSizeName + " (" + minSize + ")",
					"to at least " + minSize + ", or lower " + minSizeName)
			.require("interval", properties.interval.compareTo(MIN_INTERVAL) >= 0, "must be at least 10ms",
					"to a duration such as 1s")
			.require("cooldown", !properties.cooldown.isNegative(), "must not be negative", "to a duration such as 3s")
			.require("shrinkDelay", !properties.shrinkDelay.isNegative(), "must not be negative",
					"to a duration such as 30s")
			.require("saturationMemory", !properties.saturationMemory.isNegative(), "must not be negative",
					"to a duration such as 5m")
			.require("holdTimePercentile", properties.holdTimePercentile > 0 && properties.holdTimePercentile < 1,
					"must be a ratio above 0 and below 1", "to a ratio such as 0.9 for the 90th percentile")
			.require("headroom", properties.headroom >= 0 && properties.headroom <= 10, "must be between 0 and 10",
					"to a number such as 1.0")
			.require("saturationTolerance", properties.saturationTolerance > 0 && properties.saturationTolerance <= 10,
					"must be a ratio above 0 and at most 10", "to a ratio such as 0.2 for a 20% rise");
	}

}
