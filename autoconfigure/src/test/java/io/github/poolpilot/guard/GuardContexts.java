package io.github.poolpilot.guard;

import java.util.Map;

import io.github.poolpilot.autoconfigure.GuardAutoConfiguration;
import io.github.poolpilot.autoconfigure.PoolPilotAutoConfiguration;
import io.github.poolpilot.testing.BuildService;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;

/**
 * Application contexts for the guard's tests: a real PostgreSQL pool of two connections,
 * Spring's transactions, a {@link BuildService}, a meter registry and, when asked,
 * RestClient and observations.
 */
final class GuardContexts {

	private static EmbeddedPostgresServer postgres;

	private GuardContexts() {
	}

	static synchronized EmbeddedPostgresServer postgres() {
		if (postgres == null) {
			// one server for every guard test class; it stops with the JVM
			postgres = EmbeddedPostgresServer.start(Map.of());
			Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
		}
		return postgres;
	}

	static ApplicationContextRunner withoutHttp() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class, PoolPilotAutoConfiguration.class, GuardAutoConfiguration.class))
			.withBean(BuildService.class)
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("spring.datasource.url=" + postgres().jdbcUrl(), "spring.datasource.username=postgres",
					"spring.datasource.hikari.maximum-pool-size=2", "poolpilot.tuning.inspect-database=false");
	}

	static ApplicationContextRunner withRestClient(boolean observations) {
		ApplicationContextRunner runner = withoutHttp()
			.withConfiguration(AutoConfigurations.of(ImperativeHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, RestTemplateAutoConfiguration.class))
			.withPropertyValues("poolpilot.guard.stall-detection.enabled=false");
		return observations
				? runner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
						RestClientObservationAutoConfiguration.class, RestTemplateObservationAutoConfiguration.class))
				: runner;
	}

}
