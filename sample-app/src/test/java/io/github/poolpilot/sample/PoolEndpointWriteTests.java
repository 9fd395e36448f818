package io.github.poolpilot.sample;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Resizing through the endpoint once the user grants write access.
 */
@SpringBootTest(properties = "management.endpoint.pool.access=unrestricted")
@AutoConfigureMockMvc
class PoolEndpointWriteTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private HikariDataSource dataSource;

	@Test
	void invalidSizeIsRefusedAndChangesNothing() throws Exception {
		this.mvc
			.perform(post("/actuator/pool/dataSource").contentType(MediaType.APPLICATION_JSON)
				.content("{\"maximumPoolSize\": 0}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(endsWith("nothing was changed")));
		this.mvc
			.perform(post("/actuator/pool/dataSource").contentType(MediaType.APPLICATION_JSON)
				.content("{\"maximumPoolSize\": \"many\"}"))
			.andExpect(status().isBadRequest());
		assertThat(this.dataSource.getMaximumPoolSize()).isEqualTo(3);
	}

	@Test
	void validSizeChangesTheRunningPool() throws Exception {
		this.mvc
			.perform(post("/actuator/pool/dataSource").contentType(MediaType.APPLICATION_JSON)
				.content("{\"maximumPoolSize\": 6, \"minimumIdle\": 2}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.maximumPoolSize").value(6));
		assertThat(this.dataSource.getMaximumPoolSize()).isEqualTo(6);
		assertThat(this.dataSource.getMinimumIdle()).isEqualTo(2);
	}

}
