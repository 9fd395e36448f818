package io.github.poolpilot.guard;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.poolpilot.testing.BuildService;
import io.github.poolpilot.testing.SlowHttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Observation path against real PostgreSQL and a slow JDK HTTP server on 127.0.0.1,
 * with Boot's RestClient, its observation customizer and Pool Pilot's interceptor all in
 * place.
 */
@ExtendWith(OutputCaptureExtension.class)
class GuardObservationHandlerTests {

	private final ApplicationContextRunner contextRunner = GuardContexts.withRestClient(true);

	@Test
	void restClientCallInsideTransactionIsReportedBeforeItReturns(CapturedOutput output) {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			this.contextRunner.run((context) -> {
				assertThat(context.getBean(ObservationRegistry.class).isNoop()).isFalse();
				assertThat(context).hasSingleBean(GuardObservationHandler.class);
				BuildService service = context.getBean(BuildService.class);
				RestClient client = context.getBean(RestClient.Builder.class).build();
				GuardFindings findings = context.getBean(GuardFindings.class);
				CompletableFuture<Void> build = CompletableFuture
					.runAsync(() -> service.build(client, ci.uri("/job/build?token=s3cret")));
				// the server holds the request: the warning must come while the call is
				// still running
				await().atMost(Duration.ofSeconds(10)).until(() -> !findings.recentViolations().isEmpty());
				assertThat(build).isNotDone();
				assertThat(output).contains("dataSource - BuildService.build() holds a connection across POST "
						+ ci.uri("/job/build") + " (held ");
				ci.release();
				build.get(10, TimeUnit.SECONDS);
				Violation violation = findings.recentViolations().get(0);
				assertThat(violation.call().detector()).isEqualTo("observation");
				assertThat(violation.message()).matches("dataSource - BuildService\\.build\\(\\) holds a connection "
						+ "across POST http://127\\.0\\.0\\.1:\\d+/job/build \\(held \\d+ ms, at BuildService\\.java:\\d+; "
						+ "active=1/2, waiting=0\\)\\. Move the remote call out of the transaction\\.");
				assertThat(output).doesNotContain("s3cret");
				// the interceptor saw the same call inside the observation's scope and
				// stayed quiet
				assertThat(findings.violationCount()).isEqualTo(1);
				assertThat(findings.remoteWaitNanos("dataSource")).isPositive();
				assertThat(context.getBean(MeterRegistry.class)
					.get("poolpilot.guard.violations")
					.tag("pool", "dataSource")
					.tag("kind", "http")
					.counter()
					.count()).isEqualTo(1);
			});
		}
	}

	@Test
	void failingHandlerOfTheApplicationLeavesNoGuardStateBehind() {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			ci.release();
			this.contextRunner.withBean(FailingHandler.class).run((context) -> {
				BuildService service = context.getBean(BuildService.class);
				ConnectionGuard guard = context.getBean(ConnectionGuard.class);
				GuardFindings findings = context.getBean(GuardFindings.class);
				RestClient observed = context.getBean(RestClient.Builder.class).build();
				// the application's handler runs after the guard's and throws when the
				// call's scope opens
				assertThatExceptionOfType(IllegalStateException.class)
					.isThrownBy(() -> service.build(observed, ci.uri("/job/build")))
					.withMessage("handler of the application failed");
				assertThat(findings.violationCount()).isEqualTo(1);
				assertThat(guard.inReportedScope()).isFalse();
				// the next call on this thread, through a client without observations, is
				// still seen
				RestClient plain = RestClient.builder()
					.requestInterceptor(context.getBean(GuardClientHttpRequestInterceptor.class))
					.build();
				service.build(plain, ci.uri("/job/other"));
				assertThat(findings.violationCount()).isEqualTo(2);
				assertThat(findings.recentViolations().get(1).call().detector()).isEqualTo("interceptor");
			});
		}
	}

	@Test
	void strictModeRefusesTheCallBeforeTheRequestLeaves() {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			this.contextRunner.withPropertyValues("poolpilot.guard.mode=strict").run((context) -> {
				BuildService service = context.getBean(BuildService.class);
				RestClient client = context.getBean(RestClient.Builder.class).build();
				assertThatExceptionOfType(ConnectionHeldAcrossRemoteCallException.class)
					.isThrownBy(() -> service.build(client, ci.uri("/job/build")))
					.withMessageContaining(
							"dataSource - BuildService.build() holds a connection across POST " + ci.uri("/job/build"))
					.satisfies((ex) -> assertThat(ex.getViolation().call().detector()).isEqualTo("observation"));
				// the server works and counts requests: the refused one never arrived
				ci.release();
				service.buildOutsideTransaction(client, ci.uri("/job/status"));
				assertThat(ci.requests()).isEqualTo(1);
				assertThat(context.getBean(GuardFindings.class).violationCount()).isEqualTo(1);
			});
		}
	}

	@Test
	void producerContextIsDescribedAsMessaging() {
		SenderContext<Object> context = new SenderContext<>((carrier, key, value) -> {
		}, Kind.PRODUCER);
		context.setName("spring.kafka.template");
		context.setRemoteServiceName("kafka");
		context.setRemoteServiceAddress("kafka://broker.internal:9092");
		RemoteCall call = GuardObservationHandler.remoteCall(context);
		assertThat(call.kind()).isEqualTo(RemoteCallKind.MESSAGING);
		assertThat(call.target()).isEqualTo("spring.kafka.template to kafka at kafka://broker.internal:9092");
		assertThat(call.host()).isEqualTo("broker.internal");
	}

	@Test
	void serverSideContextsAreNotSupported() {
		GuardObservationHandler handler = new GuardObservationHandler(
				new ConnectionGuard(new io.github.poolpilot.lease.LeaseRegistry(Duration.ofMinutes(1), 10),
						GuardMode.WARN, new AllowList(java.util.List.of()),
						new GuardFindings(10, 10, Duration.ofMinutes(1)), java.util.List.of()));
		assertThat(handler.supportsContext(new Observation.Context())).isFalse();
		assertThat(handler.supportsContext(new SenderContext<>((carrier, key, value) -> {
		}))).isTrue();
	}

	/**
	 * An application's handler with a bug: it fails whenever an observation's scope
	 * opens.
	 */
	static class FailingHandler implements ObservationHandler<Observation.Context> {

		@Override
		public void onScopeOpened(Observation.Context context) {
			throw new IllegalStateException("handler of the application failed");
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
