package io.github.poolpilot.actuate;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.DatabaseFacts;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PoolEndpointWebExtension}.
 */
class PoolEndpointWebExtensionTests {

	private final HikariDataSource dataSource = new HikariDataSource();

	private final PoolEndpointWebExtension extension;

	PoolEndpointWebExtensionTests() {
		this.dataSource.setPoolName("orders");
		this.dataSource.setMaximumPoolSize(10);
		this.dataSource.setMinimumIdle(2);
		PoolRegistry pools = new PoolRegistry();
		pools.register(new ManagedPool("dataSource", this.dataSource, DatabaseFacts.UNKNOWN, List.of()));
		this.extension = new PoolEndpointWebExtension(new PoolEndpoint(pools, null, null, null, null));
	}

	@Test
	void validChangeAnswersOkWithTheChange() {
		WebEndpointResponse<Object> response = this.extension.update("orders", " 15 ", "3", "false");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody()).isEqualTo(new PoolChange("orders", 10, 15, 2, 3, false));
	}

	@Test
	void valueThatIsNotANumberAnswersBadRequestWithAMessage() {
		WebEndpointResponse<Object> response = this.extension.update("orders", "twenty", null, null);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getBody()).isEqualTo(new PoolEndpointWebExtension.Rejection("orders",
				"orders - maximumPoolSize must be a whole number, not 'twenty'; nothing was changed"));
		assertThat(this.dataSource.getMaximumPoolSize()).isEqualTo(10);
	}

	@Test
	void invalidSizeAnswersBadRequestWithTheResizersMessage() {
		WebEndpointResponse<Object> response = this.extension.update("orders", "-3", null, null);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(((PoolEndpointWebExtension.Rejection) response.getBody()).message())
			.isEqualTo("orders - maximumPoolSize must be at least 1, not -3; nothing was changed");
	}

	@Test
	void softEvictMustBeABoolean() {
		WebEndpointResponse<Object> response = this.extension.update("orders", null, null, "yes");
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(((PoolEndpointWebExtension.Rejection) response.getBody()).message())
			.startsWith("orders - softEvict must be true or false, not 'yes'");
	}

	@Test
	void unknownPoolAnswersNotFound() {
		assertThat(this.extension.update("missing", "5", null, null).getStatus()).isEqualTo(404);
	}

}
