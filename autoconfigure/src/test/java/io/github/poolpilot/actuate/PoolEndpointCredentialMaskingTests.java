package io.github.poolpilot.actuate;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs an application whose JDBC URL carries the password in each of its three forms and
 * checks that the secret appears nowhere a user can read it: the endpoint's JSON over
 * HTTP, the endpoint over JMX, HikariCP's own MBeans, and the logs. The endpoint keeps
 * its default read-only access, so a POST is refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class PoolEndpointCredentialMaskingTests {

	private static final String SECRET = "Zq9-s3cr3t";

	private static EmbeddedPostgresServer server;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startPostgres() {
		server = EmbeddedPostgresServer.start(Map.of());
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "QUERY", "SEMICOLON", "AUTHORITY" })
	void secretIsInNoResponseMBeanOrLog(String form, CapturedOutput output) throws Exception {
		// only the query form reaches the server (pgjdbc reads ?password=); the others
		// point at a closed port
		String url = switch (form) {
			case "QUERY" -> server.jdbcUrl() + "?user=postgres&password=" + SECRET;
			case "SEMICOLON" -> "jdbc:postgresql://127.0.0.1:1/app;user=app;password=" + SECRET;
			default -> "jdbc:postgresql://app:" + SECRET + "@127.0.0.1:1/app";
		};
		SpringApplication application = new SpringApplication(TestApplication.class);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
				"--server.port=0", "--server.address=127.0.0.1", "--spring.datasource.url=" + url,
				"--spring.datasource.username=postgres", "--spring.datasource.password=" + SECRET,
				"--spring.datasource.hikari.register-mbeans=true", "--spring.jmx.enabled=true",
				"--spring.jmx.unique-names=true", "--management.endpoints.web.exposure.include=pool",
				"--management.endpoints.jmx.exposure.include=pool", "--poolpilot.tuning.inspect-timeout=1s")) {
			boolean started = form.equals("QUERY");
			if (started) {
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					assertThat(connection.isValid(1)).isTrue();
				}
			}
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String summary = get(port, "/actuator/pool").body();
			String full = get(port, "/actuator/pool/dataSource").body();
			assertThat(summary).contains("\"jdbcUrl\":\"jdbc:postgresql:").contains("****").doesNotContain(SECRET);
			assertThat(full).contains("\"jdbcUrl\":\"jdbc:postgresql:").contains("****").doesNotContain(SECRET);
			assertThat(jmxEndpoint()).contains("jdbcUrl=jdbc:postgresql:").contains("****").doesNotContain(SECRET);
			assertThat(hikariMBeanAttributes()).doesNotContain(SECRET);
			if (started) {
				assertThat(hikariMBeanAttributes()).contains("MaximumPoolSize=10").contains("ActiveConnections=");
			}
			HttpResponse<String> post = post(port, "/actuator/pool/dataSource", "{\"maximumPoolSize\":4}");
			assertThat(post.statusCode()).isEqualTo(405);
			assertThat(context.getBean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(10);
		}
		assertThat(output).doesNotContain(SECRET);
	}

	private String jmxEndpoint() throws Exception {
		MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
		Set<ObjectName> names = mbeans.queryNames(new ObjectName("org.springframework.boot:type=Endpoint,name=Pool,*"),
				null);
		assertThat(names).hasSize(1);
		ObjectName name = names.iterator().next();
		Object pools = mbeans.invoke(name, "pools", new Object[0], new String[0]);
		Object pool = mbeans.invoke(name, "pool", new Object[] { "dataSource" },
				new String[] { String.class.getName() });
		return pools + " " + pool;
	}

	private String hikariMBeanAttributes() throws Exception {
		MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
		StringBuilder all = new StringBuilder();
		for (ObjectName name : mbeans.queryNames(new ObjectName("com.zaxxer.hikari:*"), null)) {
			for (MBeanAttributeInfo attribute : mbeans.getMBeanInfo(name).getAttributes()) {
				if (attribute.isReadable()) {
					all.append(name)
						.append(' ')
						.append(attribute.getName())
						.append('=')
						.append(mbeans.getAttribute(name, attribute.getName()))
						.append('\n');
				}
			}
		}
		return all.toString();
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(int port, String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
