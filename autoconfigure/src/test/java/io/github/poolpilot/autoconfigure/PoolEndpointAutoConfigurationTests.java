package io.github.poolpilot.autoconfigure;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.poolpilot.actuate.PoolEndpoint;
import io.github.poolpilot.actuate.PoolEndpointWebExtension;
import io.github.poolpilot.actuate.SizingSection;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.metrics.LoadSampler;
import io.github.poolpilot.metrics.MeasuredLoad;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PoolEndpointAutoConfiguration}: exposure, access levels and back-off.
 */
class PoolEndpointAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PoolPilotAutoConfiguration.class,
				PoolEndpointAutoConfiguration.class, EndpointAutoConfiguration.class,
				WebEndpointAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:endpoint-autoconfig;DB_CLOSE_DELAY=-1");

	@Test
	void aPoolInNoFleetHasNoFleetSection() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(FleetAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=pool")
			.run((context) -> {
				assertThat(context).hasBean("poolPilotFleetSection");
				assertThat(context.getBean(PoolEndpoint.class).pool("dataSource").fleet()).isNull();
			});
	}

	@Test
	void endpointIsNotAvailableUnlessExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(PoolEndpoint.class)
			.doesNotHaveBean(PoolEndpointWebExtension.class));
	}

	@Test
	void webExposureIsReadOnlyByDefault() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=pool").run((context) -> {
			assertThat(context).hasSingleBean(PoolEndpoint.class).hasSingleBean(PoolEndpointWebExtension.class);
			assertThat(operations(context)).containsOnlyKeys(OperationType.READ);
			assertThat(operations(context).get(OperationType.READ)).containsExactlyInAnyOrder("pool", "pool/{pool}");
		});
	}

	@Test
	void unrestrictedAccessAddsTheWriteOperation() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=pool",
					"management.endpoint.pool.access=UNRESTRICTED")
			.run((context) -> assertThat(operations(context)).containsEntry(OperationType.WRITE,
					List.of("pool/{pool}")));
	}

	@Test
	void accessNoneRemovesTheEndpoint() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=pool",
					"management.endpoint.pool.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(PoolEndpoint.class));
	}

	@Test
	void jmxExposureAloneHasNoWebExtension() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=pool")
			.run((context) -> assertThat(context).hasSingleBean(PoolEndpoint.class)
				.doesNotHaveBean(PoolEndpointWebExtension.class));
	}

	@Test
	void backsOffWithoutPoolPilot() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=pool", "poolpilot.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PoolRegistry.class)
				.doesNotHaveBean(PoolEndpoint.class));
	}

	@Test
	void backsOffWithoutActuator() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					PoolPilotAutoConfiguration.class, PoolEndpointAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:endpoint-autoconfig;DB_CLOSE_DELAY=-1",
					"management.endpoints.web.exposure.include=pool")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint."))
			.run((context) -> assertThat(context).hasSingleBean(PoolRegistry.class)
				.doesNotHaveBean(PoolEndpoint.class));
	}

	@Test
	void userEndpointWins() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=pool")
			.withUserConfiguration(UserEndpoint.class)
			.run((context) -> assertThat(context).getBean(PoolEndpoint.class)
				.isSameAs(context.getBean(UserEndpoint.class).endpoint));
	}

	@Test
	void recommendedSizeSaysWhichEstimateItIs() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=pool").run((context) -> {
			MeasuredLoad load = context.getBean(PoolEndpoint.class).pool("dataSource").load();
			assertThat(load.recommendedBy()).isEqualTo(MeasuredLoad.LITTLES_LAW);
		});
		this.contextRunner.withConfiguration(AutoConfigurations.of(SizingAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=pool",
					"spring.datasource.hikari.maximum-pool-size=7")
			.run((context) -> {
				PoolEndpoint endpoint = context.getBean(PoolEndpoint.class);
				MeasuredLoad load = endpoint.pool("dataSource").load();
				assertThat(load.recommendedBy()).isEqualTo(MeasuredLoad.SIZING_CONTROLLER);
				assertThat(load.recommendedSize()).isEqualTo(7);
				assertThat(endpoint.pools().pools()).singleElement().satisfies((summary) -> {
					assertThat(summary.recommendedSize()).isEqualTo(7);
					assertThat(summary.recommendedBy()).isEqualTo(MeasuredLoad.SIZING_CONTROLLER);
				});
			});
	}

	@Test
	void sizingSectionBeanFillsItsSectionAndLoadIsMeasured() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=pool")
			.withBean(SizingSection.class, () -> (pool) -> Map.of("target", 7))
			.run((context) -> {
				assertThat(context).hasSingleBean(LoadSampler.class);
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					assertThat(connection.isValid(1)).isTrue();
				}
				PoolEndpoint endpoint = context.getBean(PoolEndpoint.class);
				assertThat(endpoint.pool("dataSource").sizing()).isEqualTo(Map.of("target", 7));
				assertThat(endpoint.pool("dataSource").load().acquisitions()).isPositive();
			});
	}

	private static Map<OperationType, List<String>> operations(AssertableWebApplicationContext context) {
		ExposableWebEndpoint pool = context.getBean(WebEndpointsSupplier.class)
			.getEndpoints()
			.stream()
			.filter((endpoint) -> endpoint.getEndpointId().equals(EndpointId.of("pool")))
			.findFirst()
			.orElseThrow();
		Map<OperationType, List<String>> paths = new EnumMap<>(OperationType.class);
		for (WebOperation operation : pool.getOperations()) {
			paths.computeIfAbsent(operation.getType(), (type) -> new ArrayList<>())
				.add(operation.getRequestPredicate().getPath());
		}
		return paths;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpoint {

		final PoolEndpoint endpoint = new PoolEndpoint(new PoolRegistry(), null, null, null, null);

		@Bean
		PoolEndpoint userPoolEndpoint() {
			return this.endpoint;
		}

	}

}
