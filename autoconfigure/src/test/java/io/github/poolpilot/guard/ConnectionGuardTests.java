package io.github.poolpilot.guard;

import java.lang.management.ManagementFactory;
import java.net.URI;

import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.testing.BuildService;
import io.github.poolpilot.testing.SlowHttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is and is not a violation, rate limiting and the cost of the check, against real
 * PostgreSQL and a JDK HTTP server on 127.0.0.1.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionGuardTests {

	private static final String WARNING = "holds a connection across";

	private final ApplicationContextRunner contextRunner = GuardContexts.withRestClient(true);

	@Test
	void callOutsideTransactionIsNotReported(CapturedOutput output) {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			ci.release();
			this.contextRunner.run((context) -> {
				RestClient client = context.getBean(RestClient.Builder.class).build();
				context.getBean(BuildService.class).buildOutsideTransaction(client, ci.uri("/job/build"));
				assertThat(ci.requests()).isEqualTo(1);
				assertThat(context.getBean(GuardFindings.class).violationCount()).isZero();
			});
		}
		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void lazyReadOnlyTransactionThatFetchedNoConnectionIsNotReported() {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			ci.release();
			this.contextRunner.withPropertyValues("spring.datasource.connection-fetch=lazy").run((context) -> {
				BuildService service = context.getBean(BuildService.class);
				RestClient client = context.getBean(RestClient.Builder.class).build();
				GuardFindings findings = context.getBean(GuardFindings.class);
				service.lookUp(client, ci.uri("/job/status"));
				assertThat(ci.requests()).isEqualTo(1);
				assertThat(findings.violationCount()).isZero();
				// once the lazy transaction has fetched its connection, the same call is
				// reported
				service.build(client, ci.uri("/job/build"));
				assertThat(findings.violationCount()).isEqualTo(1);
			});
		}
	}

	@Test
	void allowListedMethodIsNotReported() {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			ci.release();
			this.contextRunner.run((context) -> {
				BuildService service = context.getBean(BuildService.class);
				RestClient client = context.getBean(RestClient.Builder.class).build();
				service.allowedBuild(client, ci.uri("/job/build"));
				assertThat(ci.requests()).isEqualTo(1);
				assertThat(context.getBean(GuardFindings.class).violationCount()).isZero();
			});
		}
	}

	@Test
	void allowListedHostIsNotReported() {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			ci.release();
			this.contextRunner.withPropertyValues("poolpilot.guard.allowed-hosts=ci.internal,127.0.0.*")
				.run((context) -> {
					BuildService service = context.getBean(BuildService.class);
					RestClient client = context.getBean(RestClient.Builder.class).build();
					service.build(client, ci.uri("/job/build"));
					assertThat(ci.requests()).isEqualTo(1);
					assertThat(context.getBean(GuardFindings.class).violationCount()).isZero();
				});
		}
	}

	@Test
	void thousandViolationsFromOneCallSiteLogOneWarningAndCountThousand(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			ConnectionGuard guard = context.getBean(ConnectionGuard.class);
			RemoteCall call = RemoteCall.http("POST", URI.create("http://ci:8080/job/build"), "direct");
			context.getBean(BuildService.class).checkMany(guard, call, 1000);
			GuardFindings findings = context.getBean(GuardFindings.class);
			assertThat(findings.callSites()).singleElement().satisfies((site) -> {
				assertThat(site.count()).isEqualTo(1000);
				assertThat(site.callSite()).startsWith("BuildService.checkMany(BuildService.java:");
				assertThat(site.last().transaction()).isEqualTo("BuildService.checkMany()");
			});
			assertThat(findings.recentViolations()).hasSize(100);
			assertThat(context.getBean(MeterRegistry.class)
				.get("poolpilot.guard.violations")
				.tag("pool", "dataSource")
				.tag("kind", "http")
				.counter()
				.count()).isEqualTo(1000);
		});
		assertThat(output.toString()
			.split("BuildService.checkMany\\(\\) holds a connection across POST " + "http://ci:8080/job/build", -1))
			.hasSize(2);
	}

	@Test
	void checkWithoutTransactionAllocatesNothing() {
		this.contextRunner.run((context) -> {
			ConnectionGuard guard = context.getBean(ConnectionGuard.class);
			// this thread has held a connection before, so it has leases, now empty
			context.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class);
			assertThat(context.getBean(LeaseRegistry.class).currentThread()).isNotNull();
			RemoteCall call = RemoteCall.http("POST", URI.create("http://ci:8080/job/build"), "direct");
			com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
				.getThreadMXBean();
			long thread = Thread.currentThread().getId();
			for (int i = 0; i < 100_000; i++) {
				guard.check(call);
			}
			long before = threads.getThreadAllocatedBytes(thread);
			int violations = 0;
			for (int i = 0; i < 100_000; i++) {
				violations += (guard.check(call) != null) ? 1 : 0;
			}
			long allocated = threads.getThreadAllocatedBytes(thread) - before;
			assertThat(violations).isZero();
			// one allocation per call would be at least 1.6 MB; the measurement itself
			// costs a few hundred bytes
			assertThat(allocated).isLessThan(4096);
		});
	}

}
