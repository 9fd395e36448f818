package io.github.poolpilot.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample's {@code /actuator/pool} as the application ships it: exposed, read-only.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PoolEndpointTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void everyPoolIsSummarized() throws Exception {
		this.mvc.perform(get("/actuator/pool"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.pools[0].name").value("dataSource"))
			.andExpect(jsonPath("$.pools[0].jdbcUrl").value("jdbc:h2:mem:builds;DB_CLOSE_DELAY=-1"));
	}

	@Test
	void onePoolIsDescribedInFull() throws Exception {
		this.mvc.perform(post("/builds/nightly")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/pool/dataSource"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.configuration.maximumPoolSize").value(3))
			.andExpect(jsonPath("$.configuration.connectionTimeoutMillis").value(5000))
			.andExpect(jsonPath("$.state.started").value(true))
			.andExpect(jsonPath("$.holders").isArray())
			.andExpect(jsonPath("$.advice[0].property").value("spring.datasource.hikari.leak-detection-threshold"))
			.andExpect(jsonPath("$.sizing.mode").value("RECOMMEND"))
			.andExpect(jsonPath("$.load.recommendedBy").value("sizing-controller"))
			.andExpect(jsonPath("$.load.recommendedSize").isNumber())
			.andExpect(jsonPath("$.guard.mode").value("WARN"));
	}

	@Test
	void unknownPoolIsNotFound() throws Exception {
		this.mvc.perform(get("/actuator/pool/nope")).andExpect(status().isNotFound());
	}

	@Test
	void resizingIsRefusedWithTheDefaultReadOnlyAccess() throws Exception {
		this.mvc
			.perform(post("/actuator/pool/dataSource").contentType(MediaType.APPLICATION_JSON)
				.content("{\"maximumPoolSize\": 5}"))
			.andExpect(status().isMethodNotAllowed());
		this.mvc.perform(get("/actuator/pool/dataSource"))
			.andExpect(jsonPath("$.configuration.maximumPoolSize").value(3));
	}

	@Test
	void prometheusShowsPoolPilotMetersBesideHikaris() throws Exception {
		this.mvc.perform(post("/builds/nightly")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("hikaricp_connections{pool=\"dataSource\"")))
			.andExpect(content().string(containsString("poolpilot_pool_recommended_size{pool=\"dataSource\"")))
			.andExpect(content().string(not(containsString("poolpilot_sizing_target"))));
	}

}
