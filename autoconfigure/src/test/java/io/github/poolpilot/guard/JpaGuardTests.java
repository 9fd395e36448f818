package io.github.poolpilot.guard;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.poolpilot.autoconfigure.GuardAutoConfiguration;
import io.github.poolpilot.autoconfigure.PoolPilotAutoConfiguration;
import io.github.poolpilot.testing.SlowHttpServer;
import io.github.poolpilot.testing.jpa.AuditRepository;
import io.github.poolpilot.testing.jpa.BuildService;
import io.github.poolpilot.testing.jpa.JpaApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The guard on Spring Data JPA with Hibernate, against real PostgreSQL: the pool's
 * self-deadlock of a {@code REQUIRES_NEW} audit inside a transaction, and a remote call
 * inside a JPA transaction.
 */
@ExtendWith(OutputCaptureExtension.class)
@Tag("guard-integration")
class JpaGuardTests {

	private static final int POOL_SIZE = 4;

	private static final int CALLERS = 6;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				DataJpaRepositoriesAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class,
				TransactionAutoConfiguration.class, PoolPilotAutoConfiguration.class, GuardAutoConfiguration.class))
		.withUserConfiguration(JpaApplication.class)
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("spring.datasource.url=" + GuardContexts.postgres().jdbcUrl(),
				"spring.datasource.username=postgres", "spring.datasource.hikari.maximum-pool-size=" + POOL_SIZE,
				"spring.datasource.hikari.connection-timeout=1000", "spring.jpa.hibernate.ddl-auto=create-drop",
				"poolpilot.tuning.inspect-database=false", "poolpilot.guard.stall-detection.enabled=false");

	@Test
	void requiresNewInsideTransactionIsNamedBeforeAnyCallerTimesOutAndExhaustionIsCalledDeadlock(CapturedOutput output)
			throws Exception {
		AtomicInteger failedCallers = new AtomicInteger();
		List<Integer> failedCallersAtFinding = new CopyOnWriteArrayList<>();
		ViolationListener listener = (violation) -> {
			if (violation.call().kind() == RemoteCallKind.NESTED_ACQUIRE) {
				failedCallersAtFinding.add(failedCallers.get());
			}
		};
		this.contextRunner.withBean(ViolationListener.class, () -> listener).run((context) -> {
			BuildService service = context.getBean(BuildService.class);
			// every caller that got its first connection waits here until the pool is
			// held whole, so that each then asks for a second one
			CountDownLatch poolHeld = new CountDownLatch(POOL_SIZE);
			service.afterSave(() -> {
				poolHeld.countDown();
				try {
					poolHeld.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
			try {
				CompletableFuture<?>[] builds = new CompletableFuture<?>[CALLERS];
				for (int i = 0; i < CALLERS; i++) {
					String name = "release-" + i;
					builds[i] = CompletableFuture.runAsync(() -> {
						try {
							service.buildWithAudit(name);
						}
						catch (RuntimeException ex) {
							failedCallers.incrementAndGet();
							throw ex;
						}
					}, callers);
				}
				CompletableFuture.allOf(builds).handle((result, failure) -> null).get(60, TimeUnit.SECONDS);
			}
			finally {
				callers.shutdownNow();
			}
			assertThat(failedCallers).hasPositiveValue();
			assertThat(failedCallersAtFinding).isNotEmpty();
			assertThat(failedCallersAtFinding.get(0)).isZero();
			Violation first = context.getBean(GuardFindings.class)
				.recentViolations()
				.stream()
				.filter((violation) -> violation.call().kind() == RemoteCallKind.NESTED_ACQUIRE)
				.findFirst()
				.orElseThrow();
			assertThat(first.call().detector()).isEqualTo("transaction");
			assertThat(first.callSite()).startsWith("BuildService.buildWithAudit(BuildService.java:");
			assertThat(first.message()).matches("dataSource - BuildService\\.buildWithAudit\\(\\) holds a connection "
					+ "and borrows a second one from the same pool for new transaction AuditService\\.audit\\(\\) "
					+ "\\(held \\d+ ms, at BuildService\\.java:\\d+; active=\\d/4, waiting=\\d+\\)\\. Do the inner work "
					+ "outside the outer transaction, or size the pool for it: .*");
			// the report that names the deadlock: the output can also hold
			// a report of another test's pool
			String out = output.getOut();
			int report = out.lastIndexOf("pool exhausted", out.indexOf("This is a deadlock, not slowness: "));
			assertThat(report).isNotNegative();
			String exhaustion = out.substring(report);
			assertThat(exhaustion).contains("This is a deadlock, not slowness: ")
				.containsPattern("Nesting at BuildService\\.buildWithAudit\\(BuildService\\.java:\\d+\\) "
						+ "\\(new transaction AuditService\\.audit\\)")
				.containsPattern("Tn x \\(Cm - 1\\) \\+ 1 = \\d x \\(2 - 1\\) \\+ 1 = \\d")
				.contains("Do the inner work outside the outer transaction, or size the pool for it.")
				.doesNotContain("Shorten what these holders do");
			// the warning came first: before the exhaustion report of the first time-out
			assertThat(out.indexOf("borrows a second one from the same pool")).isLessThan(report);
			assertThat(context.getBean(MeterRegistry.class)
				.get("poolpilot.guard.violations")
				.tag("kind", "nested-acquire")
				.counter()
				.count()).isPositive();
		});
	}

	@Test
	void requiresNewInsideTransactionIsRefusedInStrictModeBeforeTheSecondConnectionIsBorrowed() {
		this.contextRunner.withPropertyValues("poolpilot.guard.mode=strict").run((context) -> {
			BuildService service = context.getBean(BuildService.class);
			assertThatException().isThrownBy(() -> service.buildWithAudit("strict"))
				.havingRootCause()
				.isInstanceOf(NestedConnectionException.class)
				.withMessageContaining("BuildService.buildWithAudit() holds a connection and borrows a second one")
				.satisfies((ex) -> assertThat(ex.getStackTrace())
					.anySatisfy((frame) -> assertThat(frame.getClassName() + "." + frame.getMethodName())
						.isEqualTo(ConnectionGuard.class.getName() + ".beforeBorrow")));
			assertThat(context.getBean(AuditRepository.class).count()).isZero();
			assertThat(context.getBean(GuardFindings.class).violationCount()).isOne();
		});
	}

	@Test
	void remoteCallInsideJpaTransactionIsReportedWithItsCallSite(CapturedOutput output) {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			ci.release();
			this.contextRunner
				.withConfiguration(AutoConfigurations.of(ImperativeHttpClientAutoConfiguration.class,
						RestClientAutoConfiguration.class, ObservationAutoConfiguration.class,
						RestClientObservationAutoConfiguration.class))
				.run((context) -> {
					BuildService service = context.getBean(BuildService.class);
					RestClient client = context.getBean(RestClient.Builder.class).build();
					service.buildWithRestClient(client, ci.uri("/job/build"));
					Violation violation = context.getBean(GuardFindings.class).recentViolations().get(0);
					assertThat(violation.call().kind()).isEqualTo(RemoteCallKind.HTTP);
					assertThat(violation.transaction()).isEqualTo("BuildService.buildWithRestClient()");
					assertThat(violation.callSite()).startsWith("BuildService.buildWithRestClient(BuildService.java:");
					assertThat(output).contains("dataSource - BuildService.buildWithRestClient() holds a connection "
							+ "across POST " + ci.uri("/job/build"));
				});
		}
	}

}
