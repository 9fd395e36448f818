package io.github.poolpilot.hikari;

import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import io.github.poolpilot.hikari.PoolAdvice.Check;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoolAdvisorTests {

	private final PoolAdvisor advisor = new PoolAdvisor(
			(property) -> "spring.datasource.hikari." + ExplicitSettings.kebab(property));

	@Test
	void healthyPoolHasNoAdvice() {
		assertThat(this.advisor.advise(new HikariConfig(), DatabaseFacts.UNKNOWN)).isEmpty();
	}

	@Test
	void maxLifetimeNotBelowServerIdleTimeoutIsReported() {
		DatabaseFacts facts = new DatabaseFacts("PostgreSQL", 100, 3, 0, Duration.ofMinutes(5), null, null);
		List<PoolAdvice> advice = this.advisor.advise(new HikariConfig(), facts);
		assertThat(advice).singleElement().satisfies((finding) -> {
			assertThat(finding.check()).isEqualTo(Check.MAX_LIFETIME_ABOVE_SERVER_TIMEOUT);
			assertThat(finding.property()).isEqualTo("spring.datasource.hikari.max-lifetime");
			assertThat(finding.message()).contains("idle_session_timeout (300000 ms)")
				.contains("Set spring.datasource.hikari.max-lifetime below 300000 ms");
		});
	}

	@Test
	void mysqlWaitTimeoutIsNamed() {
		DatabaseFacts facts = new DatabaseFacts("MySQL", 151, 0, 0, Duration.ofSeconds(600), null, null);
		HikariConfig config = new HikariConfig();
		config.setMaxLifetime(Duration.ofMinutes(20).toMillis());
		assertThat(this.advisor.advise(config, facts)).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).contains("MySQL's wait_timeout"));
	}

	@Test
	void shortLeakDetectionThresholdIsReported() {
		HikariConfig config = new HikariConfig();
		config.setLeakDetectionThreshold(500);
		assertThat(this.advisor.advise(config, DatabaseFacts.UNKNOWN)).singleElement().satisfies((finding) -> {
			assertThat(finding.check()).isEqualTo(Check.LEAK_DETECTION_DISABLED);
			assertThat(finding.message()).contains("500 ms").contains("2000 ms");
		});
	}

	@Test
	void leakDetectionOfTwoSecondsIsFine() {
		HikariConfig config = new HikariConfig();
		config.setLeakDetectionThreshold(2000);
		assertThat(this.advisor.advise(config, DatabaseFacts.UNKNOWN)).isEmpty();
	}

	@Test
	void minimumIdleAboveMaximumIsReported() {
		HikariConfig config = new HikariConfig();
		config.setMaximumPoolSize(5);
		config.setMinimumIdle(8);
		assertThat(this.advisor.advise(config, DatabaseFacts.UNKNOWN)).singleElement()
			.satisfies((finding) -> assertThat(finding.message())
				.isEqualTo("spring.datasource.hikari.minimum-idle (8) is above maximumPoolSize (5); HikariCP quietly "
						+ "lowers it to the maximum. Set spring.datasource.hikari.minimum-idle to at most 5."));
	}

	@Test
	void poolAboveDatabaseBudgetIsReported() {
		DatabaseFacts facts = new DatabaseFacts("PostgreSQL", 20, 3, 9, null, null, null);
		HikariConfig config = new HikariConfig();
		config.setMaximumPoolSize(12);
		assertThat(this.advisor.advise(config, facts)).singleElement().satisfies((finding) -> {
			assertThat(finding.check()).isEqualTo(Check.POOL_ABOVE_DATABASE_BUDGET);
			assertThat(finding.message()).contains("budget 8").contains("at most 8");
		});
	}

	@Test
	void longConnectionTimeoutIsReported() {
		HikariConfig config = new HikariConfig();
		config.setConnectionTimeout(60_000);
		assertThat(this.advisor.advise(config, DatabaseFacts.UNKNOWN)).singleElement()
			.satisfies((finding) -> assertThat(finding.check()).isEqualTo(Check.CONNECTION_TIMEOUT_TOO_LONG));
	}

	@Test
	void keepaliveOffIsReported() {
		HikariConfig config = new HikariConfig();
		config.setKeepaliveTime(0);
		assertThat(this.advisor.advise(config, DatabaseFacts.UNKNOWN)).singleElement()
			.satisfies((finding) -> assertThat(finding.check()).isEqualTo(Check.KEEPALIVE_OFF));
	}

	@Test
	void keepaliveThatHikariWouldDisableIsReported() {
		HikariConfig config = new HikariConfig();
		config.setMaxLifetime(Duration.ofMinutes(1).toMillis());
		config.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
		assertThat(this.advisor.advise(config, DatabaseFacts.UNKNOWN)).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).contains("will turn keepalive off"));
	}

	@Test
	void unreadableDatabaseIsReported() {
		DatabaseFacts facts = DatabaseFacts.unreadable("PostgreSQL", "PSQLException: Connection refused");
		assertThat(this.advisor.advise(new HikariConfig(), facts)).singleElement().satisfies((finding) -> {
			assertThat(finding.check()).isEqualTo(Check.DATABASE_UNREADABLE);
			assertThat(finding.property()).isEqualTo("poolpilot.tuning.inspect-database");
		});
	}

}
