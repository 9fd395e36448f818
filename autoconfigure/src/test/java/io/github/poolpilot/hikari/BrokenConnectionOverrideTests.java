package io.github.poolpilot.hikari;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.SQLExceptionOverride.Override;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BrokenConnectionOverride}: it reports exactly the evictions HikariCP
 * makes and leaves every decision to the application's override.
 */
class BrokenConnectionOverrideTests {

	private final List<String> events = new ArrayList<>();

	private final PoolPilotMetricsTrackerFactory factory = new PoolPilotMetricsTrackerFactory(
			new ManagedPool("dataSource", new HikariDataSource(), DatabaseFacts.UNKNOWN, List.of()), null, () -> null,
			() -> List.of((pool) -> new PoolEventListener() {

				@java.lang.Override
				public void evicted() {
					BrokenConnectionOverrideTests.this.events.add("evicted");
				}

			}));

	@Test
	void disconnectionStatesAreReportedAsEvictions() {
		this.factory.create("dataSource", null);
		BrokenConnectionOverride override = new BrokenConnectionOverride(null, this.factory);
		assertThat(override.adjudicate(new SQLException("gone", "08006"))).isEqualTo(Override.CONTINUE_EVICT);
		assertThat(override.adjudicate(new SQLException("terminated", "57P01"))).isEqualTo(Override.CONTINUE_EVICT);
		assertThat(this.events).hasSize(2);
	}

	@Test
	void ordinaryErrorsAreNotEvictions() {
		this.factory.create("dataSource", null);
		BrokenConnectionOverride override = new BrokenConnectionOverride(null, this.factory);
		override.adjudicate(new SQLException("syntax", "42601"));
		override.adjudicate(new SQLException("statement timeout", "57014"));
		override.adjudicate(new SQLException("idle in transaction", "25P03"));
		assertThat(this.events).isEmpty();
	}

	@Test
	void applicationsOverrideDecidesAndIsFollowed() {
		this.factory.create("dataSource", null);
		SQLExceptionOverride keep = decide(Override.DO_NOT_EVICT);
		SQLExceptionOverride evict = decide(Override.MUST_EVICT);
		assertThat(new BrokenConnectionOverride(keep, this.factory).adjudicate(new SQLException("gone", "08006")))
			.isEqualTo(Override.DO_NOT_EVICT);
		assertThat(this.events).isEmpty();
		assertThat(new BrokenConnectionOverride(evict, this.factory).adjudicate(new SQLException("syntax", "42601")))
			.isEqualTo(Override.MUST_EVICT);
		assertThat(this.events).containsExactly("evicted");
	}

	private static SQLExceptionOverride decide(Override decision) {
		return new SQLExceptionOverride() {

			@java.lang.Override
			public Override adjudicate(SQLException exception) {
				return decision;
			}

		};
	}

	@Test
	void evictionBeforeThePoolStartedReportsNothing() {
		new BrokenConnectionOverride(null, this.factory).adjudicate(new SQLException("gone", "08006"));
		assertThat(this.events).isEmpty();
	}

}
