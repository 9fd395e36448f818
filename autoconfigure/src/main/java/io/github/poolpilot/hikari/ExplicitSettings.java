package io.github.poolpilot.hikari;

import java.util.Locale;
import java.util.function.Predicate;

import com.zaxxer.hikari.HikariConfig;
import org.jspecify.annotations.Nullable;

/**
 * Tells which pool properties the user set, so that tuning never overrides them, and how
 * the user names them. A property counts as set when the environment declares it under
 * the pool's property prefix ({@code spring.datasource.hikari.*} for Spring Boot's own
 * pool), or when its value differs from HikariCP's default (a user-built pool). A
 * user-built pool given exactly HikariCP's default value is indistinguishable from an
 * untouched one and is tuned.
 *
 * @author Pool Pilot contributors
 */
public final class ExplicitSettings {

	private static final HikariConfig HIKARI_DEFAULTS = new HikariConfig();

	private final HikariConfig config;

	private final String beanName;

	private final @Nullable String propertyPrefix;

	private final Predicate<String> declared;

	/**
	 * Create the settings view of one pool.
	 * @param config the pool
	 * @param beanName the pool's bean name
	 * @param propertyPrefix the prefix its properties are bound from, with trailing dot,
	 * or {@code null}
	 * @param declared whether the environment declares a property (given its full name)
	 */
	public ExplicitSettings(HikariConfig config, String beanName, @Nullable String propertyPrefix,
			Predicate<String> declared) {
		this.config = config;
		this.beanName = beanName;
		this.propertyPrefix = propertyPrefix;
		this.declared = declared;
	}

	/**
	 * Return whether the user set the given HikariCP property.
	 * @param property the property's HikariCP name, such as {@code connectionTimeout}
	 * @return whether it was set
	 */
	public boolean isSet(String property) {
		if (this.propertyPrefix != null && this.declared.test(this.propertyPrefix + kebab(property))) {
			return true;
		}
		return switch (property) {
			case "connectionTimeout" -> this.config.getConnectionTimeout() != HIKARI_DEFAULTS.getConnectionTimeout();
			case "keepaliveTime" -> this.config.getKeepaliveTime() != HIKARI_DEFAULTS.getKeepaliveTime();
			case "maxLifetime" -> this.config.getMaxLifetime() != HIKARI_DEFAULTS.getMaxLifetime();
			case "maximumPoolSize" -> this.config.getMaximumPoolSize() != HIKARI_DEFAULTS.getMaximumPoolSize();
			case "minimumIdle" -> this.config.getMinimumIdle() != HIKARI_DEFAULTS.getMinimumIdle();
			case "poolName" -> this.config.getPoolName() != null;
			default -> throw new IllegalArgumentException("Unsupported property '" + property + "'");
		};
	}

	/**
	 * Return the name under which the user sets the given HikariCP property.
	 * @param property the property's HikariCP name
	 * @return the configuration property, or the bean property with the bean name
	 */
	public String nameOf(String property) {
		return (this.propertyPrefix != null) ? this.propertyPrefix + kebab(property)
				: property + " (bean '" + this.beanName + "')";
	}

	static String kebab(String property) {
		StringBuilder name = new StringBuilder(property.length() + 4);
		for (char c : property.toCharArray()) {
			if (Character.isUpperCase(c)) {
				name.append('-').append(Character.toLowerCase(c));
			}
			else {
				name.append(c);
			}
		}
		return name.toString().toLowerCase(Locale.ROOT);
	}

}
