package io.github.poolpilot.guard;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.poolpilot.testing.BuildService;
import io.github.poolpilot.testing.SlowHttpServer;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The interceptor path, for applications without an {@link ObservationRegistry}:
 * RestClient and RestTemplate built by Boot, real PostgreSQL, a slow JDK HTTP server on
 * 127.0.0.1.
 */
class GuardClientHttpRequestInterceptorTests {

	private final ApplicationContextRunner contextRunner = GuardContexts.withRestClient(false);

	@Test
	void restTemplateCallInsideTransactionIsReportedBeforeItReturns() {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			this.contextRunner.run((context) -> {
				assertThat(context).doesNotHaveBean(ObservationRegistry.class);
				BuildService service = context.getBean(BuildService.class);
				RestTemplate restTemplate = context.getBean(RestTemplateBuilder.class).build();
				GuardFindings findings = context.getBean(GuardFindings.class);
				CompletableFuture<Void> build = CompletableFuture
					.runAsync(() -> service.buildWithRestTemplate(restTemplate, ci.uri("/job/build")));
				await().atMost(Duration.ofSeconds(10)).until(() -> !findings.recentViolations().isEmpty());
				assertThat(build).isNotDone();
				ci.release();
				build.get(10, TimeUnit.SECONDS);
				Violation violation = findings.recentViolations().get(0);
				assertThat(violation.call().detector()).isEqualTo("interceptor");
				assertThat(violation.transaction()).isEqualTo("BuildService.buildWithRestTemplate()");
				assertThat(violation.callSite()).startsWith("BuildService.buildWithRestTemplate(BuildService.java:");
				assertThat(violation.call().target()).isEqualTo("POST " + ci.uri("/job/build"));
				assertThat(findings.remoteWaitNanos("dataSource")).isPositive();
			});
		}
	}

	@Test
	void strictModeRefusesRestClientCallBeforeTheRequestLeaves() {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			this.contextRunner.withPropertyValues("poolpilot.guard.mode=strict").run((context) -> {
				BuildService service = context.getBean(BuildService.class);
				RestClient client = context.getBean(RestClient.Builder.class).build();
				assertThatExceptionOfType(ConnectionHeldAcrossRemoteCallException.class)
					.isThrownBy(() -> service.build(client, ci.uri("/job/build")))
					.satisfies((ex) -> assertThat(ex.getViolation().call().detector()).isEqualTo("interceptor"));
				ci.release();
				service.buildOutsideTransaction(client, ci.uri("/job/status"));
				assertThat(ci.requests()).isEqualTo(1);
			});
		}
	}

}
