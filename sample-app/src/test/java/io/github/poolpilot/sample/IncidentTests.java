package io.github.poolpilot.sample;

import io.github.poolpilot.sample.IncidentController.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reproduces the incident over real HTTP: a volley of builds through the transactional
 * code drains the pool and Pool Pilot names the call; the fixed code gets every build
 * through.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.ci.delay=1s", "poolpilot.tuning.connection-timeout=500ms",
				"poolpilot.guard.log-interval=0s" })
@ExtendWith(OutputCaptureExtension.class)
class IncidentTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@Test
	void transactionalBuildsDrainThePoolAndTheGuardNamesTheCall(CapturedOutput output) {
		Outcome outcome = fire(false);
		assertThat(outcome.failed()).isPositive();
		assertThat(outcome.errors()).anySatisfy((error) -> assertThat(error)
			.startsWith("dataSource - Connection is not available, request timed out after"));
		assertThat(output).containsPattern("WARN .* dataSource - BuildService\\.build\\(\\) holds a connection across "
				+ "POST http://127\\.0\\.0\\.1:\\d+/job/release-\\d+/build \\(held \\d+ ms, at BuildService\\.java:\\d+; "
				+ "active=\\d/3, waiting=\\d+\\)\\. Move the remote call out of the transaction\\.");
		assertThat(output).contains("dataSource - pool exhausted");
		assertThat(this.meters.get("poolpilot.guard.violations")
			.tag("pool", "dataSource")
			.tag("kind", "http")
			.counter()
			.count()).isPositive();
	}

	@Test
	void fixedBuildsAllGetThrough() {
		Outcome outcome = fire(true);
		assertThat(outcome.failed()).isZero();
		assertThat(outcome.succeeded()).isEqualTo(8);
	}

	private Outcome fire(boolean fix) {
		return RestClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/incident?builds=8&fix={fix}", fix)
			.retrieve()
			.body(Outcome.class);
	}

}
