package io.github.poolpilot.guard;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.testing.BuildService;
import io.github.poolpilot.testing.SlowHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The database backstop on a real PostgreSQL: the server ends a transaction left idle
 * across a slow HTTP call, and the failure of its next statement is explained.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdleInTransactionBackstopTests {

	private final ApplicationContextRunner contextRunner = GuardContexts.withRestClient(true)
		.withPropertyValues("poolpilot.guard.idle-in-transaction-timeout=400ms");

	@Test
	void sessionsGetTheTimeoutAndTheOverride() {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getExceptionOverride()).isInstanceOf(IdleInTransactionBackstop.class);
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("show idle_in_transaction_session_timeout", String.class)).isEqualTo("400ms");
		});
	}

	@Test
	void applicationOptionsAreLeftAlone() {
		this.contextRunner.withPropertyValues("spring.datasource.hikari.connection-init-sql=select 1")
			.run((context) -> assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("show idle_in_transaction_session_timeout", String.class)).isEqualTo("0"));
	}

	@Test
	void sessionEndedByTheServerIsExplained(CapturedOutput output) {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			this.contextRunner.run((context) -> {
				BuildService service = context.getBean(BuildService.class);
				RestClient client = context.getBean(RestClient.Builder.class).build();
				JdbcTemplate jdbcTemplate = context.getBean(JdbcTemplate.class);
				CompletableFuture<Void> build = CompletableFuture
					.runAsync(() -> service.buildAndRecord(client, ci.uri("/job/build")));
				assertThat(ci.awaitRequest()).isTrue();
				// wait until PostgreSQL has ended the idle transaction's session, then
				// let the call return
				await().atMost(Duration.ofSeconds(10))
					.until(() -> jdbcTemplate.queryForObject(
							"select count(*) from pg_stat_activity where state like 'idle in transaction%'",
							Integer.class) == 0);
				ci.release();
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> build.get(10, TimeUnit.SECONDS));
				// the dead connection left the pool, and its lease ended with it
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				HikariPoolMXBean state = context.getBean(HikariDataSource.class).getHikariPoolMXBean();
				assertThat(state.getActiveConnections()).isZero();
				LeaseRegistry leases = context.getBean(LeaseRegistry.class);
				assertThat(leases.leases(pool)).isEmpty();
				// the build's thread may have ended: a lease it left open would be
				// counted here instead
				assertThat(leases.leakedByEndedThreads()).isZero();
			});
		}
		assertThat(output).contains("dataSource - Connection org.postgresql.jdbc.PgConnection@")
			.contains("marked as broken because of SQLSTATE(25P03)");
		assertThat(output).contains("dataSource - PostgreSQL ended the session of BuildService.buildAndRecord() "
				+ "because it sat idle in transaction longer than idle_in_transaction_session_timeout (SQLSTATE 25P03, "
				+ "connection held ")
			.contains(", next statement at BuildService.buildAndRecord(BuildService.java:")
			.containsPattern("; it held the connection across POST http://127\\.0\\.0\\.1:\\d+/job/build at "
					+ "BuildService\\.buildAndRecord\\(BuildService\\.java:\\d+\\)\\. Move the remote call out");
	}

}
