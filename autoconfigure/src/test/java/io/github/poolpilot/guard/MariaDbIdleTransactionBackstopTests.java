package io.github.poolpilot.guard;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.testing.BuildService;
import io.github.poolpilot.testing.EnabledWithMariaDb;
import io.github.poolpilot.testing.MariaDbServer;
import io.github.poolpilot.testing.SlowHttpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The database backstop on a real MariaDB: {@code idle_transaction_timeout} ends a
 * transaction left idle across a slow HTTP call and the failure is traced to the call; a
 * {@code KILL} or a restart during the same call fails the same way and is not.
 */
@EnabledWithMariaDb
@ExtendWith(OutputCaptureExtension.class)
class MariaDbIdleTransactionBackstopTests {

	private static final String EXPLAINED = "MariaDB ended the session of";

	private static MariaDbServer server;

	@BeforeAll
	static void startMariaDb() {
		server = MariaDbServer.shared();
	}

	private ApplicationContextRunner contextRunner(String timeout) {
		return GuardContexts.withRestClient(true)
			.withPropertyValues("spring.datasource.url=" + server.jdbcUrl(),
					"spring.datasource.username=" + server.username(),
					"spring.datasource.password=" + server.password(),
					"poolpilot.guard.idle-in-transaction-timeout=" + timeout);
	}

	@Test
	void sessionsGetTheTimeoutInWholeSecondsAndTheOverride(CapturedOutput output) {
		contextRunner("1500ms").run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getExceptionOverride()).isInstanceOf(MariaDbIdleTransactionBackstop.class);
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("select @@session.idle_transaction_timeout", Integer.class)).isEqualTo(2);
		});
		assertThat(output).contains("dataSource - guard backstop installed: idle_transaction_timeout=2s");
	}

	@Test
	void applicationSessionVariablesAreKeptAndItsOwnTimeoutIsLeftAlone() {
		contextRunner("1s")
			.withPropertyValues("spring.datasource.hikari.data-source-properties.sessionVariables=wait_timeout=300")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("select @@session.wait_timeout", Integer.class)).isEqualTo(300);
				assertThat(jdbc.queryForObject("select @@session.idle_transaction_timeout", Integer.class))
					.isEqualTo(1);
			});
		contextRunner("1s")
			.withPropertyValues(
					"spring.datasource.hikari.data-source-properties.sessionVariables=idle_transaction_timeout=7")
			.run((context) -> assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("select @@session.idle_transaction_timeout", Integer.class)).isEqualTo(7));
	}

	@Test
	void sessionVariablesInTheUrlAndMySqlPoolsAreLeftAlone() {
		LeaseRegistry leases = new LeaseRegistry(Duration.ofSeconds(10), 10);
		ConnectionGuard guard = new ConnectionGuard(leases, GuardMode.WARN, new AllowList(List.of()),
				new GuardFindings(10, 10, Duration.ofMinutes(1)), List.of());
		try (HikariDataSource inUrl = new HikariDataSource()) {
			inUrl.setJdbcUrl(server.jdbcUrl() + "?sessionVariables=wait_timeout=300");
			assertThat(IdleInTransactionBackstop.install(inUrl, Duration.ofSeconds(3), leases, guard))
				.isEqualTo("idle_transaction_timeout left to the application's own sessionVariables");
			assertThat(inUrl.getDataSourceProperties()).doesNotContainKey("sessionVariables");
		}
		try (HikariDataSource mysql = new HikariDataSource()) {
			mysql.setJdbcUrl("jdbc:mysql://127.0.0.1:3306/app");
			assertThat(IdleInTransactionBackstop.install(mysql, Duration.ofSeconds(3), leases, guard)).isNull();
			assertThat(mysql.getExceptionOverride()).isNull();
		}
	}

	@Test
	void sessionEndedByTheTimeoutIsTracedToTheRemoteCall(CapturedOutput output) {
		// a server up for less than the call plus Uptime's one-second grain may have
		// restarted during it; the restart test may have just restarted this one
		await().atMost(Duration.ofSeconds(10))
			.until(() -> server.admin("select variable_value from information_schema.global_status "
					+ "where variable_name = 'UPTIME'") >= 4);
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			contextRunner("1s").run((context) -> {
				CompletableFuture<Void> build = startBuild(context, ci);
				long requested = System.nanoTime();
				// MariaDB ends the transaction's session after 1 s idle
				await().atMost(Duration.ofSeconds(10)).until(() -> openTransactions() == 0);
				// and the guard saw the call start at least as long ago
				await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - requested > 1_100_000_000L);
				ci.release();
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> build.get(10, TimeUnit.SECONDS));
				assertNoLeaseLeft(context);
			});
		}
		assertThat(output).contains("marked as broken because of SQLSTATE(08000)")
			.contains("dataSource - MariaDB ended the session of BuildService.buildAndMark() because it sat idle "
					+ "in transaction longer than idle_transaction_timeout (1 s; idle at least ")
			.contains(", next statement at BuildService.buildAndMark(BuildService.java:")
			.containsPattern("; it held the connection across POST http://127\\.0\\.0\\.1:\\d+/job/build at "
					+ "BuildService\\.buildAndMark\\(BuildService\\.java:\\d+\\)\\. Move the remote call out");
	}

	@Test
	void killedSessionIsNotTakenForTheTimeout(CapturedOutput output) {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			contextRunner("5s").run((context) -> {
				CompletableFuture<Void> build = startBuild(context, ci);
				await().atMost(Duration.ofSeconds(10)).until(() -> openTransactions() == 1);
				server.admin("kill connection "
						+ server.queryString("select trx_mysql_thread_id from information_schema.innodb_trx"));
				ci.release();
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> build.get(10, TimeUnit.SECONDS));
				assertNoLeaseLeft(context);
			});
		}
		assertThat(output).contains("marked as broken because of SQLSTATE(08000)").doesNotContain(EXPLAINED);
	}

	@Test
	void restartDuringTheCallIsNotTakenForTheTimeout(CapturedOutput output) {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			contextRunner("1s").run((context) -> {
				CompletableFuture<Void> build = startBuild(context, ci);
				long requested = System.nanoTime();
				server.stop();
				server.start();
				// idle for longer than the setting, but the server is younger than the
				// call
				await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - requested > 1_500_000_000L);
				ci.release();
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> build.get(10, TimeUnit.SECONDS));
				assertNoLeaseLeft(context);
			});
		}
		assertThat(output).contains("marked as broken because of SQLSTATE(08000)").doesNotContain(EXPLAINED);
	}

	private CompletableFuture<Void> startBuild(AssertableApplicationContext context, SlowHttpServer ci)
			throws InterruptedException {
		BuildService service = context.getBean(BuildService.class);
		RestClient client = context.getBean(RestClient.Builder.class).build();
		CompletableFuture<Void> build = CompletableFuture
			.runAsync(() -> service.buildAndMark(client, ci.uri("/job/build")));
		assertThat(ci.awaitRequest()).isTrue();
		return build;
	}

	private static long openTransactions() {
		return server.admin("select count(*) from information_schema.innodb_trx");
	}

	private static void assertNoLeaseLeft(AssertableApplicationContext context) {
		ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
		assertThat(context.getBean(HikariDataSource.class).getHikariPoolMXBean().getActiveConnections()).isZero();
		LeaseRegistry leases = context.getBean(LeaseRegistry.class);
		assertThat(leases.leases(pool)).isEmpty();
		assertThat(leases.leakedByEndedThreads()).isZero();
	}

}
