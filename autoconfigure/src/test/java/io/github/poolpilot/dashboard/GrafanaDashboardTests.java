package io.github.poolpilot.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.poolpilot.testing.BuildService;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import io.github.poolpilot.testing.SlowHttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard {@code docs/grafana/poolpilot.json} against what an application
 * publishes: an application on a real PostgreSQL with every feature on and the
 * {@code hikaricp.connections.acquire} and {@code .usage} histograms turned on runs
 * builds and the incident's volley, then every metric the dashboard's queries use must be
 * in {@code /actuator/prometheus} with every label they select or group by.
 * {@code instance} and {@code job} are left out: Prometheus adds them when it scrapes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=pool,prometheus",
				"management.metrics.tags.application=dashboard-test", "spring.datasource.username=postgres",
				// the pool starts at 3 by Little's law (20/s x 100 ms at 80%), with no
				// maximum
				// of the application's own, so that it may grow to max-size
				"poolpilot.tuning.expected-arrival-rate=20", "poolpilot.tuning.expected-hold-time=100ms",
				"spring.datasource.hikari.minimum-idle=1", "poolpilot.tuning.connection-timeout=250ms",
				"poolpilot.sizing.mode=auto", "poolpilot.sizing.interval=100ms", "poolpilot.sizing.cooldown=100ms",
				"poolpilot.sizing.max-size=6", "poolpilot.guard.idle-in-transaction-timeout=10s",
				"poolpilot.leases.long-held-threshold=100ms" })
@DirtiesContext
class GrafanaDashboardTests {

	private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "poolpilot.json");

	private static final Set<String> SCRAPE_LABELS = Set.of("instance", "job");

	private static final Pattern SELECTOR = Pattern
		.compile("\\b((?:hikaricp|poolpilot)_[a-zA-Z0-9_]*)\\s*(\\{[^}]*})?");

	private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");

	private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)");

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Map.of("max_connections", "30"));

	private static final SlowHttpServer ci = SlowHttpServer.start();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private BuildService builds;

	@Autowired
	private RestClient.Builder restClientBuilder;

	@Autowired
	private JdbcTemplate jdbcTemplate;

	@Autowired
	private MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", server::jdbcUrl);
	}

	@AfterAll
	static void stop() {
		ci.close();
		server.close();
	}

	@Test
	void everyMetricTheDashboardQueriesIsPublishedWithItsLabels() throws Exception {
		drive();
		Map<String, List<Set<String>>> series = scrape();
		Map<String, Set<String>> queried = queriedMetrics(JsonMapper.builder().build().readTree(DASHBOARD.toFile()));
		assertThat(queried).containsKeys("hikaricp_connections_max", "poolpilot_pool_recommended_size",
				"hikaricp_connections_active", "hikaricp_connections_idle", "hikaricp_connections_pending",
				"hikaricp_connections_acquire_seconds_bucket", "hikaricp_connections_timeout_total",
				"poolpilot_guard_violations_total", "poolpilot_sizing_decisions_total");
		assertThat(queried).allSatisfy((metric, labels) -> {
			assertThat(series).as("series of %s", metric).containsKey(metric);
			assertThat(series.get(metric)).as("labels of %s", metric)
				.anySatisfy((present) -> assertThat(present).containsAll(labels));
		});
		assertThat(series).allSatisfy((metric, labelSets) -> {
			if (metric.startsWith("poolpilot_")) {
				assertThat(labelSets).as("labels of %s", metric).noneMatch((labels) -> labels.contains("quantile"));
			}
		});
	}

	private void drive() throws Exception {
		RestClient client = this.restClientBuilder.build();
		// the incident: more builds than connections, each holding its connection across
		// a
		// CI call that hangs
		ExecutorService volley = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> results = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				results.add(volley.submit(() -> this.builds.build(client, ci.uri("/job/build"))));
			}
			await().atMost(Duration.ofSeconds(20))
				.until(() -> count(this.meterRegistry.find("hikaricp.connections.timeout").counter()) > 0
						&& count(this.meterRegistry.find("poolpilot.guard.violations").counter()) > 0);
			ci.release();
			for (Future<?> result : results) {
				try {
					result.get();
				}
				catch (Exception ex) {
					// the callers that timed out
				}
			}
		}
		finally {
			volley.shutdownNow();
		}
		// the fixed builds: the connection is back in the pool before the CI call
		for (int i = 0; i < 10; i++) {
			this.builds.buildOutsideTransaction(client, ci.uri("/job/build"));
		}
		// a queue of short transactions that the pool of 3 cannot serve: a growth step
		ExecutorService load = Executors.newFixedThreadPool(8);
		AtomicBoolean loading = new AtomicBoolean(true);
		try {
			for (int i = 0; i < 8; i++) {
				load.execute(() -> {
					while (loading.get()) {
						try {
							this.jdbcTemplate.execute("select pg_sleep(0.05)");
						}
						catch (RuntimeException ex) {
							// a caller that timed out while the pool grew
						}
					}
				});
			}
			awaitGrowth();
		}
		finally {
			loading.set(false);
			load.shutdown();
			load.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	private void awaitGrowth() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.meterRegistry.find("poolpilot.sizing.decisions")
				.tag("direction", "grow")
				.functionCounters()
				.stream()
				.anyMatch((counter) -> counter.count() > 0));
	}

	private static double count(@Nullable Counter counter) {
		return (counter != null) ? counter.count() : 0;
	}

	private Map<String, List<Set<String>>> scrape() throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, List<Set<String>>> series = new HashMap<>();
		for (String line : response.body().lines().toList()) {
			Matcher sample = SAMPLE.matcher(line);
			if (line.startsWith("#") || !sample.matches()) {
				continue;
			}
			Set<String> labels = new LinkedHashSet<>();
			Matcher label = LABEL.matcher((sample.group(2) != null) ? sample.group(2) : "");
			while (label.find()) {
				labels.add(label.group(1));
			}
			series.computeIfAbsent(sample.group(1), (name) -> new ArrayList<>()).add(labels);
		}
		return series;
	}

	/**
	 * Every {@code hikaricp_*} and {@code poolpilot_*} metric in the dashboard's panel
	 * targets, annotations and variables, with the labels its queries select or group by.
	 */
	static Map<String, Set<String>> queriedMetrics(JsonNode dashboard) {
		Map<String, Set<String>> metrics = new LinkedHashMap<>();
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(target.path("expr").asString());
			}
		}
		for (JsonNode annotation : dashboard.path("annotations").path("list")) {
			if (annotation.has("expr")) {
				Set<String> tagKeys = new LinkedHashSet<>();
				for (String key : annotation.path("tagKeys").asString("").split(",")) {
					if (!key.isBlank()) {
						tagKeys.add(key.trim());
					}
				}
				collect(annotation.path("expr").asString(), tagKeys, metrics);
			}
		}
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			Matcher labelValues = LABEL_VALUES.matcher(variable.path("query").path("query").asString(""));
			if (labelValues.matches()) {
				collect(labelValues.group(1), Set.of(labelValues.group(2)), metrics);
			}
		}
		for (String query : queries) {
			Set<String> grouping = new LinkedHashSet<>();
			Matcher group = GROUPING.matcher(query);
			while (group.find()) {
				for (String label : group.group(1).split(",")) {
					grouping.add(label.trim());
				}
			}
			collect(query, grouping, metrics);
		}
		return metrics;
	}

	private static void collect(String query, Set<String> extraLabels, Map<String, Set<String>> metrics) {
		Matcher selector = SELECTOR.matcher(query);
		while (selector.find()) {
			Set<String> labels = metrics.computeIfAbsent(selector.group(1), (name) -> new LinkedHashSet<>());
			if (selector.group(2) != null) {
				Matcher matcher = MATCHER.matcher(selector.group(2));
				while (matcher.find()) {
					labels.add(matcher.group(1));
				}
			}
			labels.addAll(extraLabels);
			labels.removeAll(SCRAPE_LABELS);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class DashboardApplication {

		@Bean
		BuildService buildService(JdbcTemplate jdbcTemplate) {
			return new BuildService(jdbcTemplate);
		}

		@Bean
		MeterFilter hikariHistograms() {
			return new MeterFilter() {

				@Override
				public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
					if (id.getName().equals("hikaricp.connections.acquire")
							|| id.getName().equals("hikaricp.connections.usage")) {
						return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
					}
					return config;
				}

			};
		}

	}

}
