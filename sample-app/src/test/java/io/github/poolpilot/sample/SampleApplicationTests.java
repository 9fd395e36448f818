package io.github.poolpilot.sample;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.PoolAdvice.Check;
import io.github.poolpilot.hikari.PoolRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample on a real HTTP port, as {@code spring-boot:run} does, and uses it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private HikariDataSource dataSource;

	@Autowired
	private PoolRegistry pools;

	@Test
	void buildsAreStoredThroughTheTunedPool() {
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		String queued = client.post().uri("/builds/release-platform").retrieve().body(String.class);
		assertThat(queued).contains("\"job\":\"release-platform\"").contains("QUEUED");
		String recent = client.get().uri("/builds").retrieve().body(String.class);
		assertThat(recent).contains("release-platform");
		// 50/s x 40 ms = 2 busy connections; at 80% utilization: 3
		assertThat(this.dataSource.getMaximumPoolSize()).isEqualTo(3);
		assertThat(this.dataSource.getConnectionTimeout()).isEqualTo(5000);
		assertThat(this.pools.get("dataSource").load().totals().acquisitions()).isPositive();
	}

	@Test
	void startupAdviceNamesTheDeliberateMistake() {
		assertThat(this.pools.get("dataSource").advice()).extracting((advice) -> advice.check())
			.containsExactly(Check.LEAK_DETECTION_DISABLED);
		assertThat(this.pools.get("dataSource").advice().get(0).property())
			.isEqualTo("spring.datasource.hikari.leak-detection-threshold");
	}

}
