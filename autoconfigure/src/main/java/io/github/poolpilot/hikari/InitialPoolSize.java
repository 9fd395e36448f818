package io.github.poolpilot.hikari;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The size a pool starts with, chosen before it has served a request, and the reason for
 * it. The model, in order of preference: Little's law from the expected load
 * ({@code L = λ × S}, divided by the target utilization for headroom); else HikariCP's
 * pool-sizing formula from the database's cores ({@code cores × 2 + 1}); else HikariCP's
 * default of 10. Whatever the model says, the size never exceeds the database's
 * connection budget.
 *
 * @param size the chosen maximum pool size
 * @param reason how it was chosen, for a person to read
 * @author Pool Pilot contributors
 */
public record InitialPoolSize(int size, String reason) {

	/**
	 * HikariCP's default maximum pool size, which Spring Boot keeps.
	 */
	public static final int DEFAULT_SIZE = 10;

	/**
	 * Choose the initial size.
	 * @param settings the expected load and database cores
	 * @param budget the database's connection budget, or {@code null} when unknown
	 * @return the size and its reason
	 */
	public static InitialPoolSize choose(TuningSettings settings, @Nullable Integer budget) {
		InitialPoolSize model = fromModel(settings);
		if (budget != null && model.size > budget) {
			return new InitialPoolSize(budget,
					model.reason + ", capped at the database's connection budget of " + budget);
		}
		return model;
	}

	private static InitialPoolSize fromModel(TuningSettings settings) {
		Double rate = settings.expectedArrivalRate();
		Duration hold = settings.expectedHoldTime();
		if (rate != null && hold != null) {
			double busy = rate * hold.toNanos() / 1e9;
			int size = Math.max(1, (int) Math.ceil(busy / settings.targetUtilization()));
			return new InitialPoolSize(size,
					String.format("Little's law: %s/s x %d ms = %.1f busy connections at %d%% utilization", trim(rate),
							hold.toMillis(), busy, Math.round(settings.targetUtilization() * 100)));
		}
		Integer cores = settings.databaseCores();
		if (cores != null) {
			return new InitialPoolSize(cores * 2 + 1, "HikariCP's formula: " + cores + " database cores x 2 + 1");
		}
		return new InitialPoolSize(DEFAULT_SIZE, "HikariCP's default; no expected load or database cores configured");
	}

	private static String trim(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

}
