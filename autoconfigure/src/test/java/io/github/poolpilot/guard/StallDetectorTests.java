package io.github.poolpilot.guard;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.poolpilot.testing.BuildService;
import io.github.poolpilot.testing.SlowHttpServer;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stall detector against real PostgreSQL and a slow JDK HTTP server on 127.0.0.1,
 * with clients that report no observation.
 */
@ExtendWith(OutputCaptureExtension.class)
class StallDetectorTests {

	private final ApplicationContextRunner contextRunner = GuardContexts.withoutHttp()
		.withPropertyValues("poolpilot.guard.stall-detection.threshold=200ms",
				"poolpilot.guard.stall-detection.interval=50ms");

	@Test
	void httpUrlConnectionInsideTransactionIsNamedWithItsSocketRead(CapturedOutput output) {
		try (SlowHttpServer ci = SlowHttpServer.start()) {
			this.contextRunner.run((context) -> {
				BuildService service = context.getBean(BuildService.class);
				CompletableFuture<Void> build = CompletableFuture
					.runAsync(() -> service.buildWithUrlConnection(ci.uri("/job/build")));
				Violation violation = awaitViolation(context.getBean(GuardFindings.class));
				assertThat(build).isNotDone();
				ci.release();
				build.get(10, TimeUnit.SECONDS);
				assertThat(violation.call().detector()).isEqualTo("stall");
				assertThat(violation.call().kind()).isEqualTo(RemoteCallKind.HTTP);
				assertThat(violation.message())
					.matches("dataSource - BuildService\\.buildWithUrlConnection\\(\\) holds "
							+ "a connection across a socket read in HttpURLConnection \\(held \\d+ ms, at "
							+ "BuildService\\.java:\\d+; active=1/2, waiting=0\\)\\. Move the remote call out of the "
							+ "transaction\\.");
				assertThat(violation.held()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
			});
		}
		assertThat(output).contains("holds a connection across a socket read in HttpURLConnection");
	}

	@Test
	void apacheHttpClientInsideTransactionIsNamedWithItsSocketRead() throws Exception {
		try (SlowHttpServer ci = SlowHttpServer.start(); CloseableHttpClient client = HttpClients.createDefault()) {
			// sampled by hand once the thread reads the response: on a loaded machine a
			// timed sample could catch it anywhere on its way there, inside the client's
			// own pool too
			this.contextRunner.withPropertyValues("poolpilot.guard.stall-detection.interval=1h").run((context) -> {
				BuildService service = context.getBean(BuildService.class);
				StallDetector detector = context.getBean(StallDetector.class);
				AtomicReference<Thread> worker = new AtomicReference<>();
				CompletableFuture<Void> build = CompletableFuture.runAsync(() -> {
					worker.set(Thread.currentThread());
					service.buildWithApacheHttpClient(client, ci.uri("/job/build"));
				});
				assertThat(ci.awaitRequest()).isTrue();
				await("the build reads the response").atMost(Duration.ofSeconds(10))
					.until(() -> readsFromASocket(worker.get()));
				await("the stall is reported").atMost(Duration.ofSeconds(10)).until(() -> detector.sample() > 0);
				Violation violation = context.getBean(GuardFindings.class).recentViolations().get(0);
				ci.release();
				build.get(10, TimeUnit.SECONDS);
				assertThat(violation.call().target()).isEqualTo("a socket read in Apache HttpClient 4");
				assertThat(violation.transaction()).isEqualTo("BuildService.buildWithApacheHttpClient()");
				assertThat(violation.callSite())
					.startsWith("BuildService.buildWithApacheHttpClient(BuildService.java:");
			});
		}
	}

	@Test
	void apacheHttpClientWaitingForItsOwnPoolIsNamedAsInTheIncident() throws Exception {
		try (SlowHttpServer ci = SlowHttpServer.start();
				CloseableHttpClient client = HttpClients.custom().setMaxConnPerRoute(1).setMaxConnTotal(1).build()) {
			// another thread takes the route's only connection and waits for the slow
			// server
			CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
				try {
					EntityUtils.consume(client.execute(new HttpPost(ci.uri("/job/other"))).getEntity());
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
			assertThat(ci.awaitRequest()).isTrue();
			this.contextRunner.run((context) -> {
				BuildService service = context.getBean(BuildService.class);
				CompletableFuture<Void> build = CompletableFuture
					.runAsync(() -> service.buildWithApacheHttpClient(client, ci.uri("/job/build")));
				Violation violation = awaitViolation(context.getBean(GuardFindings.class));
				ci.release();
				build.get(10, TimeUnit.SECONDS);
				assertThat(violation.call().target())
					.isEqualTo("a wait for a connection from Apache HttpClient 4's pool");
			});
			other.get(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void slowQueryInTheDriverIsNotReported() {
		this.contextRunner.run((context) -> {
			StallDetector detector = context.getBean(StallDetector.class);
			BuildService service = context.getBean(BuildService.class);
			CompletableFuture<Void> build = CompletableFuture.runAsync(service::buildWithSlowQuery);
			// sample by hand, too, while the query runs past the threshold
			await().atMost(Duration.ofSeconds(5))
				.until(() -> context.getBean(io.github.poolpilot.lease.LeaseRegistry.class)
					.threads()
					.stream()
					.anyMatch((leases) -> leases.count() > 0
							&& System.nanoTime() - leases.since(0) > Duration.ofMillis(300).toNanos()));
			assertThat(detector.sample()).isZero();
			build.get(10, TimeUnit.SECONDS);
			assertThat(context.getBean(GuardFindings.class).violationCount()).isZero();
		});
	}

	private static boolean readsFromASocket(Thread thread) {
		for (StackTraceElement frame : thread.getStackTrace()) {
			String type = frame.getClassName();
			if (("sun.nio.ch.NioSocketImpl".equals(type) || "java.net.SocketInputStream".equals(type))
					&& frame.getMethodName().startsWith("read")) {
				return true;
			}
		}
		return false;
	}

	private static Violation awaitViolation(GuardFindings findings) {
		await().atMost(Duration.ofSeconds(10)).until(() -> !findings.recentViolations().isEmpty());
		return findings.recentViolations().get(0);
	}

}
