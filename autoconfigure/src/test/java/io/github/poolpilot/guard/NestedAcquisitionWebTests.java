package io.github.poolpilot.guard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.poolpilot.testing.EmbeddedPostgresServer;
import io.github.poolpilot.testing.NestingController;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pool's self-deadlock on embedded Tomcat's request threads against a real
 * PostgreSQL: requests whose transaction borrows a second connection hold the whole pool,
 * and the exhaustion report takes Tomcat's thread limit as the number of threads that can
 * nest at once.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.username=postgres", "spring.datasource.hikari.maximum-pool-size=2",
				"spring.datasource.hikari.minimum-idle=2", "poolpilot.tuning.connection-timeout=500ms",
				"server.tomcat.threads.max=7", "poolpilot.guard.stall-detection.enabled=false" })
// the context stops with its database: a cached one would keep using a stopped server
@DirtiesContext
class NestedAcquisitionWebTests {

	private static final EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Map.of("max_connections", "20"));

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", server::jdbcUrl);
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@Test
	void deadlockBoundCountsEveryRequestThreadTheServerCanRun(CapturedOutput output) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/builds")).build();
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
		}
		CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new))
			.handle((result, failure) -> null)
			.get(60, TimeUnit.SECONDS);
		// both requests held one connection each and waited for a second one
		assertThat(responses).allSatisfy((response) -> assertThat(response.get().statusCode()).isEqualTo(500));
		// the report that names the deadlock: the output holds everything the test JVM
		// printed since the test began, a report of another test's pool included
		await().atMost(Duration.ofSeconds(10))
			.until(() -> output.getOut().contains("This is a deadlock, not slowness: "));
		String out = output.getOut();
		String exhaustion = out
			.substring(out.lastIndexOf("pool exhausted", out.indexOf("This is a deadlock, not slowness: ")));
		assertThat(exhaustion).contains("This is a deadlock, not slowness: ")
			.containsPattern("Nesting at NestingController\\.build\\(NestingController\\.java:\\d+\\) "
					+ "\\(new transaction NestingController\\.audit\\)")
			.contains("Tn x (Cm - 1) + 1 = 7 x (2 - 1) + 1 = 8 (Tn = 7: the web server's worker threads, "
					+ "server.tomcat.threads.max), not 2.")
			.doesNotContain("with a bounded executor or web server, its thread count");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		NestingController buildController(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager) {
			return new NestingController(jdbcTemplate, transactionManager);
		}

	}

}
