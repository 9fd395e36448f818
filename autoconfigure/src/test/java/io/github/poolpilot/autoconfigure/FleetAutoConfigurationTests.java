package io.github.poolpilot.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.fleet.FleetCoordinator;
import io.github.poolpilot.fleet.FleetMember;
import io.github.poolpilot.fleet.FleetMember.Status;
import io.github.poolpilot.fleet.FleetMeterBinder;
import io.github.poolpilot.fleet.FleetSettings;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.sizing.SizingController;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class FleetAutoConfigurationTests {

	private static EmbeddedPostgresServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PoolPilotAutoConfiguration.class,
				FleetAutoConfiguration.class, SizingAutoConfiguration.class));

	@BeforeAll
	static void startPostgres() {
		server = EmbeddedPostgresServer.start(Map.of("max_connections", "30"));
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@Test
	void aPostgresPoolJoinsItsFleetNamedAfterTheApplication() throws SQLException {
		this.contextRunner
			.withPropertyValues(postgres("spring.application.name=orders", "poolpilot.sizing.mode=auto",
					"poolpilot.fleet.replica-id=r1"))
			.run((context) -> {
				FleetCoordinator coordinator = context.getBean(FleetCoordinator.class);
				FleetMember member = coordinator.member("dataSource");
				assertThat(member).isNotNull();
				assertThat(member.fleet()).isEqualTo("orders/dataSource");
				assertThat(member.status()).isEqualTo(Status.COORDINATED);
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getDataSourceProperties()).containsEntry("ApplicationName",
						"orders/dataSource r1");
				// the sizing controller sizes within the share
				SizingController controller = context.getBean(SizingController.class);
				assertThat(controller).isNotNull();
				assertThat(coordinator.limit(context.getBean(PoolRegistry.class).get("dataSource")))
					.isEqualTo(member.view().share() - 1);
				try (Connection connection = dataSource.getConnection()) {
					assertThat(applicationName(connection)).isEqualTo("orders/dataSource r1");
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> rows("orders/dataSource") == 1);
			});
		// a replica that stops gives up its lease
		assertThat(rows("orders/dataSource")).isZero();
	}

	@Test
	void inRecommendModeTheShareIsPublishedButThePoolKeepsItsSize() {
		this.contextRunner
			.withPropertyValues(postgres("spring.application.name=recommended", "poolpilot.sizing.mode=recommend",
					"spring.datasource.hikari.maximum-pool-size=40"))
			.run((context) -> {
				FleetMember member = context.getBean(FleetCoordinator.class).member("dataSource");
				// 30 connections, 3 reserved: a share below what the pool asks for
				assertThat(member.view().share()).isLessThan(27);
				assertThat(context.getBean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(40);
			});
		this.contextRunner
			.withPropertyValues(postgres("spring.application.name=automatic", "poolpilot.sizing.mode=auto",
					"spring.datasource.hikari.maximum-pool-size=40"))
			.run((context) -> {
				FleetMember member = context.getBean(FleetCoordinator.class).member("dataSource");
				assertThat(context.getBean(HikariDataSource.class).getMaximumPoolSize())
					.isEqualTo(member.view().share() - 1);
			});
	}

	@Test
	void theShareIsPublishedAsGauges() {
		this.contextRunner.withPropertyValues(postgres("spring.application.name=metered")).run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(FleetMeterBinder.class).bindTo(registry);
			FleetMember member = context.getBean(FleetCoordinator.class).member("dataSource");
			assertThat(registry.get("poolpilot.fleet.share")
				.tag("pool", "dataSource")
				.tag("fleet", "metered/dataSource")
				.gauge()
				.value()).isEqualTo(member.view().share()).isPositive();
			assertThat(registry.get("poolpilot.fleet.replicas").gauge().value()).isGreaterThanOrEqualTo(1);
		});
	}

	@Test
	void anApplicationNameTheApplicationSetIsKept() {
		this.contextRunner
			.withPropertyValues(postgres("spring.application.name=billing",
					"spring.datasource.hikari.data-source-properties.ApplicationName=billing-api"))
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				try (Connection connection = dataSource.getConnection()) {
					assertThat(applicationName(connection)).isEqualTo("billing-api");
				}
				assertThat(context.getBean(FleetCoordinator.class).member("dataSource").status())
					.isEqualTo(Status.COORDINATED);
			});
	}

	@Test
	void withoutAnApplicationNameTheFleetIsNamedAfterItsDatabaseAndAWarningAsksForOne(CapturedOutput output) {
		this.contextRunner.withPropertyValues(postgres()).run((context) -> {
			FleetMember member = context.getBean(FleetCoordinator.class).member("dataSource");
			assertThat(member.fleet()).matches("dataSource#[0-9a-f]{12}");
			assertThat(output).contains("dataSource - fleet named " + member.fleet())
				.contains("Set spring.application.name, or poolpilot.fleet.name.");
		});
	}

	@Test
	void theFleetNameCanBeSet() {
		this.contextRunner.withPropertyValues(postgres("poolpilot.fleet.name=checkout"))
			.run((context) -> assertThat(context.getBean(FleetCoordinator.class).member("dataSource").fleet())
				.isEqualTo("checkout"));
	}

	@Test
	void aPoolOnAnotherDatabaseJoinsNoFleet() {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:fleet;DB_CLOSE_DELAY=-1",
					"spring.datasource.generate-unique-name=true")
			.run((context) -> assertThat(context.getBean(FleetCoordinator.class).members()).isEmpty());
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues(postgres("poolpilot.fleet.enabled=false")).run((context) -> {
			assertThat(context).doesNotHaveBean(FleetCoordinator.class);
			assertThat(context.getBean(HikariDataSource.class).getDataSourceProperties())
				.doesNotContainKey("ApplicationName");
		});
	}

	@Test
	void backsOffWhenPoolPilotIsDisabled() {
		this.contextRunner.withPropertyValues(postgres("poolpilot.enabled=false"))
			.run((context) -> assertThat(context).doesNotHaveBean(FleetCoordinator.class));
	}

	@Test
	void backsOffWithoutHikari() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HikariDataSource.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FleetCoordinator.class));
	}

	@Test
	void aCoordinatorOfTheUsersIsUsed() {
		this.contextRunner.withUserConfiguration(UserCoordinatorConfiguration.class)
			.withPropertyValues(postgres())
			.run((context) -> assertThat(context.getBean(FleetCoordinator.class))
				.isSameAs(context.getBean(UserCoordinatorConfiguration.class).coordinator));
	}

	@Test
	void aLeaseShorterThanTwoHeartbeatsFailsStartup() {
		this.contextRunner
			.withPropertyValues(postgres("poolpilot.fleet.heartbeat-interval=5s", "poolpilot.fleet.lease-timeout=6s"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("poolpilot.fleet.lease-timeout"));
	}

	@Test
	void aSchemaThatIsNoIdentifierFailsStartup() {
		this.contextRunner.withPropertyValues(postgres("poolpilot.fleet.schema=a;drop table x"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("poolpilot.fleet.schema"));
	}

	private static String[] postgres(String... more) {
		String[] properties = new String[more.length + 3];
		properties[0] = "spring.datasource.url=" + server.jdbcUrl();
		properties[1] = "spring.datasource.username=" + server.username();
		properties[2] = "poolpilot.fleet.heartbeat-interval=200ms";
		System.arraycopy(more, 0, properties, 3, more.length);
		return properties;
	}

	private static String applicationName(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("show application_name")) {
			result.next();
			return result.getString(1);
		}
	}

	private static int rows(String fleet) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), "");
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("select count(*) from poolpilot_fleet_member where fleet = '" + fleet + "'")) {
			result.next();
			return result.getInt(1);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserCoordinatorConfiguration {

		final FleetCoordinator coordinator = new FleetCoordinator(
				new FleetSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), false, 2));

		@Bean
		FleetCoordinator userCoordinator() {
			return this.coordinator;
		}

	}

}
