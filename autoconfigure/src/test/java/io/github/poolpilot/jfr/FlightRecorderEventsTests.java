package io.github.poolpilot.jfr;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.autoconfigure.FlightRecorderAutoConfiguration;
import io.github.poolpilot.autoconfigure.GuardAutoConfiguration;
import io.github.poolpilot.autoconfigure.PoolPilotAutoConfiguration;
import io.github.poolpilot.autoconfigure.SizingAutoConfiguration;
import io.github.poolpilot.guard.ConnectionGuard;
import io.github.poolpilot.guard.RemoteCall;
import io.github.poolpilot.testing.ConnectionHolder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Pool Pilot's JFR events, recorded with a {@link RecordingStream} from an application
 * whose pool of one connection is held, exhausted, found held across a remote call and
 * resized by the sizing controller.
 */
class FlightRecorderEventsTests {

	private static final List<String> EVENTS = List.of(GuardViolationEvent.NAME, PoolExhaustedEvent.NAME,
			SizingDecisionEvent.NAME, LongHeldConnectionEvent.NAME);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				PoolPilotAutoConfiguration.class, GuardAutoConfiguration.class, SizingAutoConfiguration.class,
				FlightRecorderAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:jfr-events;DB_CLOSE_DELAY=-1",
				"spring.datasource.hikari.maximum-pool-size=1", "spring.datasource.hikari.minimum-idle=1",
				"poolpilot.tuning.connection-timeout=250ms", "poolpilot.leases.long-held-threshold=200ms",
				"poolpilot.guard.stall-detection.enabled=false", "poolpilot.sizing.interval=100ms",
				"poolpilot.sizing.cooldown=100ms", "poolpilot.sizing.max-size=4");

	@Test
	void everyEventIsRecordedWithItsFields() {
		Queue<RecordedEvent> recorded = new ConcurrentLinkedQueue<>();
		try (RecordingStream stream = new RecordingStream()) {
			for (String name : EVENTS) {
				stream.enable(name);
				stream.onEvent(name, recorded::add);
			}
			stream.startAsync();
			this.contextRunner.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				JdbcTemplate jdbcTemplate = context.getBean(JdbcTemplate.class);
				PlatformTransactionManager transactionManager = context.getBean(PlatformTransactionManager.class);
				ConnectionHolder holder = new ConnectionHolder(transactionManager, jdbcTemplate, "BuildService.build");
				holder.awaitHolding();
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> {
					try (Connection connection = dataSource.getConnection()) {
						connection.isValid(1);
					}
				});
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(named(recorded, LongHeldConnectionEvent.NAME)).isNotEmpty());
				holder.release();
				ConnectionGuard guard = context.getBean(ConnectionGuard.class);
				new TransactionTemplate(transactionManager).executeWithoutResult((status) -> {
					jdbcTemplate.queryForObject("select 1", Integer.class);
					guard.check(RemoteCall.http("POST", "http://ci.example:8080/job/build", "direct"));
				});
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(EVENTS)
						.allSatisfy((name) -> assertThat(named(recorded, name)).as(name).isNotEmpty()));
			});
		}
		RecordedEvent exhausted = named(recorded, PoolExhaustedEvent.NAME).get(0);
		assertThat(exhausted.getString("pool")).isEqualTo("dataSource");
		assertThat(exhausted.getLong("connectionTimeout")).isEqualTo(250);
		assertThat(exhausted.getInt("holderCount")).isOne();
		assertThat(exhausted.getString("holders")).contains("holder-BuildService.build").contains("BuildService.build");
		assertThat(exhausted.getEventType().getCategoryNames()).containsExactly("Pool Pilot");
		List<RecordedEvent> longHeld = named(recorded, LongHeldConnectionEvent.NAME);
		assertThat(longHeld).singleElement().satisfies((event) -> {
			assertThat(event.getString("pool")).isEqualTo("dataSource");
			assertThat(event.getString("holder")).isEqualTo("holder-BuildService.build");
			assertThat(event.getString("transaction")).isEqualTo("BuildService.build");
			assertThat(event.getDuration("held")).isGreaterThan(Duration.ofMillis(200));
		});
		RecordedEvent violation = named(recorded, GuardViolationEvent.NAME).get(0);
		assertThat(violation.getString("pool")).isEqualTo("dataSource");
		assertThat(violation.getString("call")).isEqualTo("POST http://ci.example:8080/job/build");
		assertThat(violation.getString("kind")).isEqualTo("http");
		assertThat(violation.getString("callSite")).contains("FlightRecorderEventsTests");
		assertThat(violation.getDuration("held")).isPositive();
		// the controller may decide more than once while the pool is exhausted
		assertThat(named(recorded, SizingDecisionEvent.NAME)).anySatisfy((sizing) -> {
			assertThat(sizing.getString("pool")).isEqualTo("dataSource");
			assertThat(sizing.getInt("from")).isPositive();
			assertThat(sizing.getInt("to")).isGreaterThan(sizing.getInt("from"));
			assertThat(sizing.getString("direction")).isEqualTo("grow");
			assertThat(sizing.getBoolean("applied")).isFalse();
			assertThat(sizing.getString("reason")).isNotBlank();
		});
	}

	private static List<RecordedEvent> named(Queue<RecordedEvent> recorded, String name) {
		return recorded.stream().filter((event) -> event.getEventType().getName().equals(name)).toList();
	}

}
