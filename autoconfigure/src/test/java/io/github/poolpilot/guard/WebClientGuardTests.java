package io.github.poolpilot.guard;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.poolpilot.testing.ReactiveBuildService;
import io.github.poolpilot.testing.SlowHttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WebClient on a real reactor-netty client against a slow JDK HTTP server on 127.0.0.1,
 * with Boot's observation customizer: caught when the exchange's observation starts on
 * the transaction's thread, and by the stall detector when it starts on another.
 */
@Tag("guard-integration")
class WebClientGuardTests {

	private final ApplicationContextRunner contextRunner = GuardContexts.withoutHttp()
		.withConfiguration(
				AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
						ObservationAutoConfiguration.class, WebClientObservationAutoConfiguration.class))
		.withBean(ReactiveBuildService.class);

	@Test
	void blockInsideTransactionIsReportedWhileTheCallRuns() {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			this.contextRunner.withPropertyValues("poolpilot.guard.stall-detection.enabled=false").run((context) -> {
				ReactiveBuildService service = context.getBean(ReactiveBuildService.class);
				WebClient client = client(context.getBean(WebClient.Builder.class));
				GuardFindings findings = context.getBean(GuardFindings.class);
				CompletableFuture<Void> build = CompletableFuture
					.runAsync(() -> service.buildWithWebClientBlock(client, ci.uri("/job/build?token=s3cret")));
				await().atMost(Duration.ofSeconds(10)).until(() -> !findings.recentViolations().isEmpty());
				assertThat(build).isNotDone();
				ci.release();
				build.get(10, TimeUnit.SECONDS);
				Violation violation = findings.recentViolations().get(0);
				assertThat(violation.call().detector()).isEqualTo("observation");
				assertThat(violation.call().target()).isEqualTo("POST " + ci.uri("/job/build"));
				assertThat(violation.transaction()).isEqualTo("ReactiveBuildService.buildWithWebClientBlock()");
				assertThat(violation.callSite())
					.startsWith("ReactiveBuildService.buildWithWebClientBlock(ReactiveBuildService.java:");
			});
		}
	}

	@Test
	void exchangeSubscribedOnTheTransactionsThreadIsReportedWhenItStarts() {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			ci.release();
			this.contextRunner.withPropertyValues("poolpilot.guard.stall-detection.enabled=false").run((context) -> {
				ReactiveBuildService service = context.getBean(ReactiveBuildService.class);
				WebClient client = client(context.getBean(WebClient.Builder.class));
				service.buildWithWebClientFuture(client, ci.uri("/job/build")).get(10, TimeUnit.SECONDS);
				Violation violation = context.getBean(GuardFindings.class).recentViolations().get(0);
				assertThat(violation.call().detector()).isEqualTo("observation");
				assertThat(violation.callSite())
					.startsWith("ReactiveBuildService.buildWithWebClientFuture(ReactiveBuildService.java:");
			});
		}
	}

	@Test
	void exchangeOnAnotherThreadIsLeftToTheStallDetector() {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			this.contextRunner.run((context) -> {
				ReactiveBuildService service = context.getBean(ReactiveBuildService.class);
				WebClient client = client(context.getBean(WebClient.Builder.class));
				GuardFindings findings = context.getBean(GuardFindings.class);
				CompletableFuture<Void> build = CompletableFuture
					.runAsync(() -> service.buildWithWebClientOnAnotherThread(client, ci.uri("/job/build")));
				await().atMost(Duration.ofSeconds(10)).until(() -> !findings.recentViolations().isEmpty());
				ci.release();
				build.get(10, TimeUnit.SECONDS);
				Violation violation = findings.recentViolations().get(0);
				// the observation started on a scheduler thread that holds no connection;
				// the transaction's thread was seen parked in block()
				assertThat(violation.call().detector()).isEqualTo("stall");
				assertThat(violation.callSite())
					.startsWith("ReactiveBuildService.buildWithWebClientOnAnotherThread(ReactiveBuildService.java:");
			});
		}
	}

	private static WebClient client(WebClient.Builder builder) {
		WebClient client = builder.build();
		// a real reactor-netty client, as Boot picks it
		assertThat(builder.clone()).extracting("connector").isInstanceOf(ReactorClientHttpConnector.class);
		return client;
	}

}
