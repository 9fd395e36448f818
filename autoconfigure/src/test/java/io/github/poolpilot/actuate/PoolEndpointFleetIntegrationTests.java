package io.github.poolpilot.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.poolpilot.autoconfigure.FleetAutoConfiguration;
import io.github.poolpilot.autoconfigure.PoolPilotAutoConfiguration;
import io.github.poolpilot.autoconfigure.SizingAutoConfiguration;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code fleet} section of the {@code pool} endpoint over HTTP, in an application on
 * a real server whose pool shares a real PostgreSQL's budget with a second replica of the
 * same service (a second Spring context).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=pool,prometheus", "spring.application.name=orders",
				"spring.datasource.username=postgres",
				"spring.datasource.password=" + PoolEndpointFleetIntegrationTests.PASSWORD,
				"spring.datasource.hikari.maximum-pool-size=6", "poolpilot.fleet.replica-id=a",
				"poolpilot.fleet.heartbeat-interval=300ms", "poolpilot.fleet.lease-timeout=3s" })
// the context stops with its database: a cached one would keep using a stopped server
@DirtiesContext
class PoolEndpointFleetIntegrationTests {

	static final String PASSWORD = "fleet-secret-pw";

	private static final EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Map.of("max_connections", "30"));

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final ApplicationContextRunner otherReplica = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PoolPilotAutoConfiguration.class,
				FleetAutoConfiguration.class, SizingAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders", "spring.datasource.url=" + server.jdbcUrl(),
				"spring.datasource.username=postgres", "spring.datasource.hikari.maximum-pool-size=4",
				"poolpilot.fleet.replica-id=b", "poolpilot.fleet.heartbeat-interval=300ms",
				"poolpilot.fleet.lease-timeout=3s");

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
	void fleetSectionListsEveryReplicaWithItsDemandShareAndLeaseAge() {
		AtomicReference<String> body = new AtomicReference<>();
		this.otherReplica.run((b) -> await().atMost(Duration.ofSeconds(10)).until(() -> {
			body.set(get("/actuator/pool/dataSource").body());
			JsonNode replicas = json.readTree(body.get()).get("fleet").get("replicas");
			return replicas.size() == 2 && replicas.get(1).get("share").asInt() > 1;
		}));
		System.out.println("GET /actuator/pool/dataSource -> " + body.get());
		JsonNode fleet = json.readTree(body.get()).get("fleet");
		assertThat(fleet.get("fleet").asString()).isEqualTo("orders/dataSource");
		assertThat(fleet.get("replica").asString()).isEqualTo("a");
		assertThat(fleet.get("status").asString()).isEqualTo("COORDINATED");
		assertThat(fleet.get("problem").isNull()).isTrue();
		// an unset sizing mode resizes a pool in a fleet, so its share is enforced
		assertThat(fleet.get("enforced").asBoolean()).isTrue();
		// 30 connections less 3 reserved slots, less the clients outside the fleet
		assertThat(fleet.get("budget").asInt() + fleet.get("outside").asInt()).isEqualTo(27);
		assertThat(fleet.get("outside").asInt()).isBetween(0, 2);
		assertThat(fleet.get("limit").asInt()).isEqualTo(fleet.get("share").asInt() - 1);
		assertThat(fleet.get("sinceRenewalMillis").asLong()).isBetween(0L, 3000L);
		assertThat(fleet.get("otherFleetReplicas").asInt()).isZero();
		JsonNode a = fleet.get("replicas").get(0);
		JsonNode b = fleet.get("replicas").get(1);
		assertThat(a.get("replica").asString()).isEqualTo("a");
		assertThat(a.get("self").asBoolean()).isTrue();
		assertThat(b.get("replica").asString()).isEqualTo("b");
		assertThat(b.get("self").asBoolean()).isFalse();
		// each asks for its pool's maximum and the heartbeat's connection, before any
		// load: 6 + 1 and 4 + 1, which the budget covers
		assertThat(a.get("demand").asInt()).isEqualTo(7);
		assertThat(b.get("demand").asInt()).isEqualTo(5);
		assertThat(a.get("share").asInt()).isEqualTo(fleet.get("share").asInt());
		assertThat(b.get("share").asInt()).isBetween(2, 5);
		assertThat(b.get("leaseAgeMillis").asLong()).isBetween(0L, 3000L);
		assertThat(body.get()).doesNotContain(PASSWORD);
	}

	@Test
	void aReplicaThatLeftIsNoLongerListed() throws Exception {
		this.otherReplica.run((b) -> await().atMost(Duration.ofSeconds(10))
			.until(() -> json.readTree(get("/actuator/pool/dataSource").body())
				.get("fleet")
				.get("replicas")
				.size() == 2));
		// the other replica gave up its lease on shutdown
		await().atMost(Duration.ofSeconds(5))
			.until(() -> json.readTree(get("/actuator/pool/dataSource").body())
				.get("fleet")
				.get("replicas")
				.size() == 1);
		JsonNode fleet = json.readTree(get("/actuator/pool/dataSource").body()).get("fleet");
		assertThat(fleet.get("replicas").get(0).get("replica").asString()).isEqualTo("a");
	}

	@Test
	void fleetGaugesCarryTheSameFigures() throws Exception {
		// alone in its fleet, once any other replica's lease is gone
		await().atMost(Duration.ofSeconds(10))
			.until(() -> json.readTree(get("/actuator/pool/dataSource").body())
				.get("fleet")
				.get("replicas")
				.size() == 1);
		JsonNode fleet = json.readTree(get("/actuator/pool/dataSource").body()).get("fleet");
		String prometheus = get("/actuator/prometheus").body();
		System.out.println(prometheus.lines()
			.filter((line) -> line.startsWith("poolpilot_fleet"))
			.reduce("", (a, b) -> a + b + "\n"));
		String tags = "{fleet=\"orders/dataSource\",pool=\"dataSource\"} ";
		assertThat(prometheus).contains("poolpilot_fleet_budget" + tags + fleet.get("budget").asInt() + ".0")
			.contains("poolpilot_fleet_share" + tags)
			.contains("poolpilot_fleet_fair_share" + tags)
			.contains("poolpilot_fleet_outside" + tags)
			.contains("poolpilot_fleet_replicas" + tags + "1.0");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
