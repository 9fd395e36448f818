package io.github.poolpilot.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code pool} endpoint in an application with Spring Security and Boot's default web
 * security: it is protected exactly like the other actuator endpoints. Spring Security is
 * on the classpath of this test alone (the {@code security} surefire execution runs
 * {@code *SecurityTests}; the default one excludes the Spring Security jars), because its
 * presence would protect every other web test too.
 */
@EnabledIf(value = "springSecurityPresent", disabledReason = "runs in the 'security' surefire execution")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=pool,env,health",
				"spring.datasource.url=jdbc:h2:mem:secured", "spring.security.user.name=ops",
				"spring.security.user.password=0ps-pw", "poolpilot.tuning.inspect-database=false" })
class PoolEndpointSecurityTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private HikariDataSource dataSource;

	static boolean springSecurityPresent() {
		// -Dtest=... lifts the default execution's exclude, but not its classpath: run
		// only where the jars are
		return ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", null);
	}

	@Test
	void endpointWithoutCredentialsIsUnauthorizedLikeTheOtherEndpoints() throws Exception {
		assertThat(get("/actuator/pool", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/pool/dataSource", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/env", null).statusCode()).isEqualTo(401);
		// Boot's default leaves health open, which shows the security is Boot's own, not
		// something of ours
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
	}

	@Test
	void endpointWithCredentialsAnswers() throws Exception {
		HttpResponse<String> response = get("/actuator/pool", "ops:0ps-pw");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"name\":\"dataSource\"");
		assertThat(get("/actuator/pool", "ops:wrong").statusCode()).isEqualTo(401);
	}

	@Test
	void writeIsRefusedWithOrWithoutCredentialsAndChangesNothing() throws Exception {
		int before = this.dataSource.getMaximumPoolSize();
		assertThat(post("/actuator/pool/dataSource", null).statusCode()).isEqualTo(401);
		// authenticated: CSRF protection refuses the POST before the endpoint's read-only
		// access would (405);
		// the refusal's error dispatch is not authenticated again, hence 401 rather than
		// 403
		assertThat(post("/actuator/pool/dataSource", "ops:0ps-pw").statusCode()).isIn(401, 403, 405);
		assertThat(this.dataSource.getMaximumPoolSize()).isEqualTo(before);
	}

	private HttpResponse<String> get(String path, String credentials) throws Exception {
		return this.http.send(request(path, credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String credentials) throws Exception {
		return this.http.send(request(path, credentials).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"maximumPoolSize\":1}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String credentials) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return request;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
