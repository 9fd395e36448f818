package io.github.poolpilot.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.testing.ConnectionHolder;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code pool} endpoint and the {@code poolpilot.*} meters over HTTP, in an
 * application on a real server, against a real PostgreSQL, with write access granted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=pool,prometheus",
				"management.endpoint.pool.access=unrestricted", "spring.datasource.username=postgres",
				"spring.datasource.hikari.maximum-pool-size=3", "spring.datasource.hikari.minimum-idle=1",
				"poolpilot.tuning.connection-timeout=500ms", "poolpilot.sizing.mode=recommend" })
// the context stops with its database: a cached one would keep using a stopped server
@DirtiesContext
class PoolEndpointWebIntegrationTests {

	private static final EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Map.of("max_connections", "20"));

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private HikariDataSource dataSource;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private JdbcTemplate jdbcTemplate;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", server::jdbcUrl);
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@AfterEach
	void restoreSize() {
		this.dataSource.getHikariConfigMXBean().setMinimumIdle(1);
		this.dataSource.getHikariConfigMXBean().setMaximumPoolSize(3);
	}

	@Test
	void everyPoolIsSummarized() throws Exception {
		HttpResponse<String> response = get("/actuator/pool");
		System.out.println("GET /actuator/pool -> " + response.body());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode pools = json.readTree(response.body()).get("pools");
		assertThat(pools).hasSize(1);
		assertThat(pools.get(0).get("name").asString()).isEqualTo("dataSource");
		assertThat(pools.get(0).get("jdbcUrl").asString()).isEqualTo(server.jdbcUrl());
		assertThat(pools.get(0).get("state").get("max").asInt()).isEqualTo(3);
	}

	@Test
	void holderInsideATransactionIsListedWithItsTransactionAndFrame() throws Exception {
		for (int i = 0; i < 50; i++) {
			this.jdbcTemplate.queryForObject("select 1", Integer.class);
		}
		ConnectionHolder holder = new ConnectionHolder(this.transactionManager, this.jdbcTemplate,
				"BuildService.build");
		holder.awaitHolding();
		HttpResponse<String> response;
		try {
			response = get("/actuator/pool/dataSource");
		}
		finally {
			holder.release();
		}
		System.out.println("GET /actuator/pool/dataSource -> " + response.body());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode pool = json.readTree(response.body());
		JsonNode holderNode = pool.get("holders").get(0);
		assertThat(holderNode.get("thread").asString()).isEqualTo("holder-BuildService.build");
		assertThat(holderNode.get("transaction").asString()).isEqualTo("BuildService.build");
		assertThat(holderNode.get("frame").asString())
			.startsWith("ConnectionHolder.holdConnection(ConnectionHolder.java:");
		assertThat(pool.get("state").get("active").asInt()).isEqualTo(1);
		assertThat(pool.get("database").get("product").asString()).isEqualTo("PostgreSQL");
		assertThat(pool.get("load").get("acquisitions").asLong()).isGreaterThanOrEqualTo(51);
		assertThat(pool.get("load").get("concurrency").asDouble()).isPositive();
		assertThat(pool.get("load").get("holdP50Millis").asDouble()).isPositive();
		// the sizing controller runs, so its target is the one recommended size
		assertThat(pool.get("load").get("recommendedBy").asString()).isEqualTo("sizing-controller");
		JsonNode target = pool.get("sizing").get("targetMaximumPoolSize");
		assertThat(pool.get("load").get("recommendedSize").asInt())
			.isEqualTo((target != null) ? target.asInt() : pool.get("configuration").get("maximumPoolSize").asInt());
		// the sizing controller (in recommend mode) and the guard fill their sections
		assertThat(pool.get("sizing").get("mode").asString()).isEqualTo("RECOMMEND");
		assertThat(pool.get("sizing").get("pool").asString()).isEqualTo("dataSource");
		assertThat(pool.get("guard").get("mode").asString()).isEqualTo("WARN");
		assertThat(pool.get("guard").get("violations").asLong()).isZero();
	}

	@Test
	void summaryRecommendsTheSizingControllersTarget() throws Exception {
		HttpResponse<String> response = get("/actuator/pool");
		System.out.println("GET /actuator/pool -> " + response.body());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode summary = json.readTree(response.body()).get("pools").get(0);
		assertThat(summary.get("name").asString()).isEqualTo("dataSource");
		assertThat(summary.get("recommendedBy").asString()).isEqualTo("sizing-controller");
		assertThat(summary.get("recommendedSize").asInt()).isBetween(1, 17);
	}

	@Test
	void unknownPoolIsNotFound() throws Exception {
		assertThat(get("/actuator/pool/missing").statusCode()).isEqualTo(404);
		assertThat(post("/actuator/pool/missing", "{\"maximumPoolSize\":4}").statusCode()).isEqualTo(404);
	}

	@Test
	void resizeChangesTheRunningPool() throws Exception {
		HttpResponse<String> response = post("/actuator/pool/dataSource", "{\"maximumPoolSize\":5,\"minimumIdle\":2}");
		System.out.println("POST resize -> " + response.body());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode change = json.readTree(response.body());
		assertThat(change.get("previousMaximumPoolSize").asInt()).isEqualTo(3);
		assertThat(change.get("maximumPoolSize").asInt()).isEqualTo(5);
		assertThat(this.dataSource.getMaximumPoolSize()).isEqualTo(5);
		// the running pool now hands out five connections at once, where it stopped at
		// three
		List<Connection> connections = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				connections.add(((DataSource) this.dataSource).getConnection());
			}
			assertThat(this.dataSource.getHikariPoolMXBean().getActiveConnections()).isEqualTo(5);
		}
		finally {
			for (Connection connection : connections) {
				connection.close();
			}
		}
		HttpResponse<String> evict = post("/actuator/pool/dataSource", "{\"softEvict\":true}");
		assertThat(json.readTree(evict.body()).get("softEvicted").asBoolean()).isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "{\"maximumPoolSize\":-1}|maximumPoolSize must be at least 1, not -1",
					"{\"maximumPoolSize\":0}|maximumPoolSize must be at least 1, not 0",
					"{\"minimumIdle\":-2}|minimumIdle must not be negative, not -2",
					"{\"maximumPoolSize\":2,\"minimumIdle\":3}|minimumIdle (3) must not be above maximumPoolSize (2)",
					"{\"maximumPoolSize\":500}|maximumPoolSize (500) is above the database's connection budget of",
					"{\"maximumPoolSize\":\"many\"}|maximumPoolSize must be a whole number, not 'many'",
					"{}|nothing to change" })
	void badResizeIsRejectedAndChangesNothing(String body, String message) throws Exception {
		HttpResponse<String> response = post("/actuator/pool/dataSource", body);
		System.out.println("POST " + body + " -> " + response.statusCode() + " " + response.body());
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode rejection = json.readTree(response.body());
		assertThat(rejection.get("pool").asString()).isEqualTo("dataSource");
		assertThat(rejection.get("message").asString()).startsWith("dataSource - " + message)
			.endsWith("; nothing was changed");
		assertThat(this.dataSource.getMaximumPoolSize()).isEqualTo(3);
		assertThat(this.dataSource.getMinimumIdle()).isEqualTo(1);
	}

	@Test
	void prometheusShowsPoolMetersNextToHikarisWithDescriptions() throws Exception {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		HttpResponse<String> response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		String body = response.body();
		System.out
			.println(body.lines().filter((line) -> line.contains("poolpilot")).reduce("", (a, b) -> a + b + "\n"));
		assertThat(body).contains("hikaricp_connections{pool=\"dataSource\"}")
			.containsPattern("poolpilot_pool_recommended_size\\{pool=\"dataSource\"} [1-9][0-9]*\\.0\n")
			.contains("poolpilot_pool_concurrency{pool=\"dataSource\"}")
			.doesNotContain("poolpilot_pool_acquire_rate")
			.doesNotContain("poolpilot_connections_hold_seconds")
			.doesNotContain("poolpilot_connections_wait_seconds")
			.contains("poolpilot_leases_long_held{pool=\"dataSource\"} 0.0")
			.contains("# HELP poolpilot_pool_recommended_size Recommended maximum pool size: the sizing controller's")
			.doesNotContain("poolpilot_sizing_target");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
