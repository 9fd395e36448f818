package io.github.poolpilot.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.DatabaseFacts;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolAdvice;
import io.github.poolpilot.hikari.PoolAdvice.Check;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.testing.EnabledWithMariaDb;
import io.github.poolpilot.testing.MariaDbServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Startup inspection and advice against a real MariaDB 10.11 whose connection limit and
 * idle timeouts are set small: the facts it reads, the budget, and the advice about
 * {@code wait_timeout} and the pool's size.
 */
@EnabledWithMariaDb
@ExtendWith(OutputCaptureExtension.class)
class MariaDbTuningIntegrationTests {

	private static MariaDbServer server;

	private final List<Connection> others = new ArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PoolPilotAutoConfiguration.class));

	@BeforeAll
	static void startMariaDb() {
		server = MariaDbServer.shared();
	}

	@BeforeEach
	void setLimits() throws SQLException {
		server.admin("set global max_connections = 20", "set global wait_timeout = 120",
				"set global interactive_timeout = 90");
		// other clients, as another service would hold them
		for (int i = 0; i < 3; i++) {
			this.others.add(DriverManager.getConnection(server.jdbcUrl(), "other", "other-pw"));
		}
	}

	@AfterEach
	void restoreLimits() throws SQLException {
		for (Connection connection : this.others) {
			connection.close();
		}
		server.admin("set global max_connections = 151", "set global wait_timeout = 28800",
				"set global interactive_timeout = 28800");
	}

	@Test
	void factsBudgetAndTunedLifetimeComeFromTheServer(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(datasource(), "spring.datasource.username=app",
					"spring.datasource.password=" + server.password(), "poolpilot.tuning.expected-arrival-rate=1000",
					"poolpilot.tuning.expected-hold-time=100ms")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				DatabaseFacts facts = pool.databaseFacts();
				assertThat(facts.product()).isEqualTo("MariaDB");
				assertThat(facts.problem()).isNull();
				assertThat(facts.maxConnections()).isEqualTo(20);
				assertThat(facts.reservedConnections()).isZero();
				assertThat(facts.otherConnections()).isEqualTo(3);
				assertThat(facts.idleSessionTimeout()).hasSeconds(120);
				// Little's law asks for 100; the server takes 20 - 3 held by other
				// clients
				assertThat(facts.connectionBudget()).isEqualTo(17);
				assertThat(dataSource.getMaximumPoolSize()).isEqualTo(17);
				// retired 30 s before the server's wait_timeout of 120 s
				assertThat(dataSource.getMaxLifetime()).isEqualTo(90_000);
				assertThat(pool.advice()).isEmpty();
				List<Connection> held = new ArrayList<>();
				try {
					for (int i = 0; i < 17; i++) {
						held.add(dataSource.getConnection());
					}
					// the budget is exact: the pool holds it all and the next client is
					// refused
					assertThatExceptionOfType(SQLException.class)
						.isThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "other", "other-pw"))
						.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1040))
						.withMessageContaining("Too many connections");
				}
				finally {
					for (Connection connection : held) {
						connection.close();
					}
				}
			});
		assertThat(output)
			.contains("dataSource - tuned by Pool Pilot: connectionTimeout=5000ms, "
					+ "maxLifetime=90000ms (below the server's idle timeout of 120000ms), keepaliveTime=45000ms, "
					+ "maximumPoolSize=17")
			.contains("; database MariaDB max_connections=20, reserved=0, other clients=3, budget=17");
	}

	@Test
	void interactiveClientsAreJudgedByInteractiveTimeout() {
		this.contextRunner
			.withPropertyValues(datasource() + "?interactiveClient=true", "spring.datasource.username=app",
					"spring.datasource.password=" + server.password(), "spring.datasource.hikari.max-lifetime=120000")
			.run((context) -> {
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				// the server gives an interactive client interactive_timeout as its
				// wait_timeout
				assertThat(pool.databaseFacts().idleSessionTimeout()).hasSeconds(90);
				assertThat(pool.advice()).extracting(PoolAdvice::check)
					.containsExactly(Check.MAX_LIFETIME_ABOVE_SERVER_TIMEOUT);
			});
	}

	@Test
	void maxLifetimeNotBelowWaitTimeoutAndAPoolAboveTheBudgetAreAdvised(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues(datasource(), "spring.datasource.username=app",
					"spring.datasource.password=" + server.password(), "spring.datasource.hikari.max-lifetime=1800000",
					"spring.datasource.hikari.maximum-pool-size=30")
			.run((context) -> {
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				assertThat(pool.advice()).extracting(PoolAdvice::check)
					.containsExactly(Check.MAX_LIFETIME_ABOVE_SERVER_TIMEOUT, Check.POOL_ABOVE_DATABASE_BUDGET);
				assertThat(pool.advice().get(0).message())
					.isEqualTo("spring.datasource.hikari.max-lifetime (1800000 ms) is not below MariaDB's wait_timeout "
							+ "(120000 ms); the server closes connections that the pool still counts as usable. "
							+ "Set spring.datasource.hikari.max-lifetime below 120000 ms, or raise wait_timeout.");
				assertThat(pool.advice().get(1).message())
					.isEqualTo("spring.datasource.hikari.maximum-pool-size (30) is above what MariaDB can still accept "
							+ "(max_connections=20, 0 reserved, 3 held by other clients: budget 17); under load "
							+ "the pool will be refused connections. Set spring.datasource.hikari.maximum-pool-size "
							+ "to at most 17 or raise max_connections.");
			});
		assertThat(output).contains("WARN").contains("dataSource - spring.datasource.hikari.max-lifetime (1800000 ms)");
	}

	@Test
	void wrongPasswordIsAdvisedWithoutTheSecret() {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=" + server.jdbcUrl(), "spring.datasource.username=app",
					"spring.datasource.password=not-the-password", "poolpilot.tuning.inspect-timeout=1s")
			.run((context) -> {
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				assertThat(pool.advice()).extracting(PoolAdvice::check).containsExactly(Check.DATABASE_UNREADABLE);
				assertThat(pool.databaseFacts().problem()).contains("Access denied for user 'app'")
					.doesNotContain("not-the-password");
			});
	}

	private static String datasource() {
		return "spring.datasource.url=" + server.jdbcUrl();
	}

}
