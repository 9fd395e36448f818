package io.github.poolpilot.faults;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.guard.ConnectionGuard;
import io.github.poolpilot.guard.GuardFindings;
import io.github.poolpilot.guard.RemoteCall;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.sizing.SizingController;
import io.github.poolpilot.sizing.SizingDecision.Direction;
import io.github.poolpilot.testing.BuildService;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import io.github.poolpilot.testing.EnabledWithMariaDb;
import io.github.poolpilot.testing.MariaDbServer;
import io.github.poolpilot.testing.SlowHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One application run that goes through every path that could print a credential, with
 * the password in the JDBC URL ({@code ?password=}, the only form pgjdbc reads for a live
 * connection), in {@code spring.datasource.password} and in the query string of a remote
 * call: startup and advice, a guard warning for a RestClient call inside a transaction, a
 * sizing decision in auto mode, a pool exhaustion snapshot, the endpoint's JSON,
 * Prometheus, JMX attributes and exception messages; then two startups that fail with the
 * {@code ;password=} and {@code user:secret@host} forms, for the failure analysis.
 * Everything is collected and scanned for the secret, Pool Pilot's and HikariCP's debug
 * logging included.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretScanTests {

	private static final String SECRET = "s3cret-Qx7";

	private static EmbeddedPostgresServer server;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startPostgres() {
		server = EmbeddedPostgresServer.start(Map.of());
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@Test
	void secretAppearsNowhereInARunThatTakesEveryPath(CapturedOutput output) throws Exception {
		List<String> seen = new ArrayList<>();
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			ci.release();
			SpringApplication application = new SpringApplication(TestApplication.class);
			try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
					"--server.port=0", "--server.address=127.0.0.1",
					"--spring.datasource.url=" + server.jdbcUrl() + "?user=postgres&password=" + SECRET,
					"--spring.datasource.username=postgres", "--spring.datasource.password=" + SECRET,
					// the pool starts at 2 by Little's law (10/s x 100 ms at 80%), no
					// maximum
					// of the application's own to bound it
					"--poolpilot.tuning.expected-arrival-rate=10", "--poolpilot.tuning.expected-hold-time=100ms",
					// below HikariCP's floor of 2 s: startup advice
					"--spring.datasource.hikari.leak-detection-threshold=1000",
					"--spring.datasource.hikari.register-mbeans=true", "--spring.jmx.enabled=true",
					"--spring.jmx.unique-names=true", "--management.endpoints.web.exposure.include=pool,prometheus",
					"--management.endpoints.jmx.exposure.include=pool", "--poolpilot.tuning.connection-timeout=250ms",
					"--poolpilot.sizing.mode=auto", "--poolpilot.sizing.min-size=3", "--poolpilot.sizing.max-size=3",
					"--poolpilot.sizing.interval=200ms", "--poolpilot.guard.stall-detection.enabled=false",
					"--logging.level.io.github.poolpilot=debug", "--logging.level.com.zaxxer.hikari=debug")) {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.queryForObject("select 1", Integer.class);
				BuildService service = context.getBean(BuildService.class);
				// the guard: a RestClient call inside a transaction, the secret in its
				// query string
				RestClient client = context.getBean(RestClient.Builder.class).build();
				service.build(client, ci.uri("/job/build?token=" + SECRET + "&password=" + SECRET));
				// and a call whose URI carries credentials, as a detector would hand it
				// over
				service.checkMany(context.getBean(ConnectionGuard.class), RemoteCall.http("POST",
						"http://ci:" + SECRET + "@ci.example:8080/job?password=" + SECRET, "direct"), 1);
				GuardFindings findings = context.getBean(GuardFindings.class);
				assertThat(findings.violationCount()).isEqualTo(2);
				seen.add(findings.recentViolations().toString());
				seen.add(findings.callSites().toString());
				// sizing: the pool starts below poolpilot.sizing.min-size, which the
				// controller corrects
				SizingController controller = context.getBean(SizingController.class);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> controller.decisions("dataSource", Direction.GROW) > 0);
				seen.add(controller.states().toString());
				// exhaustion: every connection held, one more caller times out after 250
				// ms
				seen.add(exhaust(context.getBean(HikariDataSource.class)));
				int port = ((WebServerApplicationContext) context).getWebServer().getPort();
				String summary = get(port, "/actuator/pool");
				String full = get(port, "/actuator/pool/dataSource");
				assertThat(full).contains("\"violations\"").contains("/job/build").contains("****");
				seen.add(summary);
				seen.add(full);
				seen.add(get(port, "/actuator/prometheus"));
				seen.add(mbeanAttributes("com.zaxxer.hikari:*"));
				seen.add(mbeanAttributes("org.springframework.boot:type=Endpoint,name=Pool,*"));
				seen.add(context.getBean(PoolRegistry.class).pools().toString());
			}
		}
		seen.add(failedStartup("jdbc:postgresql://127.0.0.1:1/app;user=app;password=" + SECRET));
		seen.add(failedStartup("jdbc:postgresql://app:" + SECRET + "@127.0.0.1:1/app"));
		// every path ran and logged
		assertThat(output).contains("dataSource - tuned by Pool Pilot")
			.contains("leakDetectionThreshold")
			.contains("holds a connection across POST http://127.0.0.1:")
			.contains("dataSource - pool exhausted")
			.contains("dataSource - maximumPoolSize 2 -> 3")
			.contains("Description:");
		assertThat(String.join("\n", seen)).doesNotContain(SECRET);
		assertThat(output.getAll()).doesNotContain(SECRET);
	}

	@Test
	@EnabledWithMariaDb
	void secretAppearsNowhereInAMariaDbRun(CapturedOutput output) throws Exception {
		MariaDbServer mariadb = MariaDbServer.shared();
		mariadb.admin("create user if not exists 'scan'@'127.0.0.1' identified by '" + SECRET + "'",
				"grant all on app.* to 'scan'@'127.0.0.1'");
		List<String> seen = new ArrayList<>();
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			ci.release();
			SpringApplication application = new SpringApplication(TestApplication.class);
			try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
					"--server.port=0", "--server.address=127.0.0.1",
					"--spring.datasource.url=" + mariadb.jdbcUrl() + "?user=scan&password=" + SECRET,
					"--spring.datasource.username=scan", "--spring.datasource.password=" + SECRET,
					// the pool starts at 2 by Little's law (10/s x 100 ms at 80%), no
					// maximum
					// of the application's own to bound it
					"--poolpilot.tuning.expected-arrival-rate=10", "--poolpilot.tuning.expected-hold-time=100ms",
					"--spring.datasource.hikari.minimum-idle=0",
					"--spring.datasource.hikari.leak-detection-threshold=1000",
					"--spring.datasource.hikari.register-mbeans=true", "--spring.jmx.enabled=true",
					"--spring.jmx.unique-names=true", "--management.endpoints.web.exposure.include=pool,prometheus",
					"--poolpilot.tuning.connection-timeout=250ms", "--poolpilot.guard.idle-in-transaction-timeout=5s",
					"--poolpilot.guard.stall-detection.enabled=false", "--logging.level.io.github.poolpilot=debug",
					"--logging.level.com.zaxxer.hikari=debug", "--logging.level.org.mariadb.jdbc=debug")) {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.queryForObject("select 1", Integer.class);
				BuildService service = context.getBean(BuildService.class);
				RestClient client = context.getBean(RestClient.Builder.class).build();
				service.build(client, ci.uri("/job/build?token=" + SECRET + "&password=" + SECRET));
				assertThat(context.getBean(GuardFindings.class).violationCount()).isEqualTo(1);
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				// MariaDB's errors: a killed connection, then max_connections reached
				try (Connection connection = dataSource.getConnection()) {
					mariadb.admin("kill connection " + connectionId(connection));
					seen.add(failure(() -> connection.createStatement().execute("select 1")));
				}
				// no idle connection left (minimum-idle=0): the next one must be opened
				dataSource.getHikariPoolMXBean().softEvictConnections();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> dataSource.getHikariPoolMXBean().getTotalConnections() == 0);
				mariadb.admin("set global max_connections = 1");
				List<Connection> hog = new ArrayList<>();
				try {
					String refused = failure(() -> {
						while (true) {
							hog.add(DriverManager.getConnection(mariadb.jdbcUrl(), "other", "other-pw"));
						}
					});
					assertThat(refused).contains("Too many connections");
					seen.add(refused);
					String timedOut = failure(() -> dataSource.getConnection().close());
					assertThat(timedOut).contains("Connection is not available").contains("Too many connections");
					seen.add(timedOut);
				}
				finally {
					mariadb.admin("set global max_connections = 151");
					for (Connection connection : hog) {
						connection.close();
					}
				}
				int port = ((WebServerApplicationContext) context).getWebServer().getPort();
				seen.add(get(port, "/actuator/pool"));
				seen.add(get(port, "/actuator/pool/dataSource"));
				seen.add(get(port, "/actuator/prometheus"));
				seen.add(mbeanAttributes("com.zaxxer.hikari:*"));
				seen.add(context.getBean(PoolRegistry.class).pools().toString());
			}
		}
		seen.add(failedStartup("jdbc:mariadb://scan:" + SECRET + "@127.0.0.1:1/app"));
		seen.add(failedStartup("jdbc:mariadb://127.0.0.1:1/app?user=scan&password=" + SECRET));
		seen.add(failedStartup("jdbc:mariadb://127.0.0.1:" + mariadb.port() + "/app?password=wrong-" + SECRET));
		assertThat(output).contains("dataSource - tuned by Pool Pilot")
			.contains("database MariaDB max_connections=151")
			.contains("guard backstop installed: idle_transaction_timeout=5s")
			.contains("holds a connection across POST http://127.0.0.1:")
			.contains("Socket error")
			.contains("Too many connections")
			.contains("Access denied for user 'app'")
			.contains("Description:");
		assertThat(String.join("\n", seen)).doesNotContain(SECRET);
		assertThat(output.getAll()).doesNotContain(SECRET);
	}

	private static long connectionId(Connection connection) throws SQLException {
		try (ResultSet result = connection.createStatement().executeQuery("select connection_id()")) {
			result.next();
			return result.getLong(1);
		}
	}

	private static String failure(SqlAction action) {
		try {
			action.run();
			throw new AssertionError("did not fail");
		}
		catch (SQLException ex) {
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				messages.append(cause).append('\n');
			}
			return messages.toString();
		}
	}

	private String exhaust(HikariDataSource dataSource) throws Exception {
		int size = dataSource.getMaximumPoolSize();
		CountDownLatch held = new CountDownLatch(size);
		CountDownLatch done = new CountDownLatch(1);
		List<CompletableFuture<Void>> holders = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			holders.add(CompletableFuture.runAsync(() -> {
				try (Connection connection = dataSource.getConnection()) {
					held.countDown();
					done.await(10, TimeUnit.SECONDS);
				}
				catch (SQLException | InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			}, (task) -> new Thread(task).start()));
		}
		assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
		String message;
		try (Connection connection = dataSource.getConnection()) {
			message = "no timeout";
		}
		catch (SQLException ex) {
			message = ex.toString() + " caused by " + ex.getCause();
		}
		done.countDown();
		CompletableFuture.allOf(holders.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
		assertThat(message).contains("Connection is not available");
		return message;
	}

	private String failedStartup(String url) {
		SpringApplication application = new SpringApplication(TestApplication.class);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
				"--spring.main.web-application-type=none", "--spring.datasource.url=" + url,
				"--spring.datasource.username=app", "--spring.datasource.password=" + SECRET,
				"--poolpilot.tuning.inspect-timeout=1s", "--poolpilot.sizing.max-size=0")) {
			throw new AssertionError("started with an invalid property");
		}
		catch (RuntimeException ex) {
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				messages.append(cause).append('\n');
			}
			assertThat(messages).contains("poolpilot.sizing.max-size");
			return messages.toString();
		}
	}

	private String get(int port, String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private static String mbeanAttributes(String pattern) throws Exception {
		MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
		StringBuilder all = new StringBuilder();
		for (ObjectName name : mbeans.queryNames(new ObjectName(pattern), null)) {
			for (MBeanAttributeInfo attribute : mbeans.getMBeanInfo(name).getAttributes()) {
				if (attribute.isReadable()) {
					all.append(name)
						.append(' ')
						.append(attribute.getName())
						.append('=')
						.append(mbeans.getAttribute(name, attribute.getName()))
						.append('\n');
				}
			}
			if (pattern.contains("Endpoint")) {
				all.append(mbeans.invoke(name, "pools", new Object[0], new String[0]))
					.append(mbeans.invoke(name, "pool", new Object[] { "dataSource" },
							new String[] { String.class.getName() }));
			}
		}
		assertThat(all).as(pattern).isNotEmpty();
		return all.toString();
	}

	@FunctionalInterface
	interface SqlAction {

		void run() throws SQLException;

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		BuildService buildService(JdbcTemplate jdbcTemplate) {
			return new BuildService(jdbcTemplate);
		}

	}

}
