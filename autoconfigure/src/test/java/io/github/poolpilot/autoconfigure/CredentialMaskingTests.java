package io.github.poolpilot.autoconfigure;

import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolAdvice;
import io.github.poolpilot.hikari.PoolAdvice.Check;
import io.github.poolpilot.hikari.PoolRegistry;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts a real application whose database cannot be reached, with the password written
 * into the JDBC URL in each of its three forms, and checks that the startup report names
 * the problem without the secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialMaskingTests {

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://127.0.0.1:1/app?user=app&password=s3cret",
			"jdbc:postgresql://127.0.0.1:1/app;user=app;password=s3cret",
			"jdbc:postgresql://app:s3cret@127.0.0.1:1/app" })
	void unreadableDatabaseIsReportedWithoutTheSecret(String url, CapturedOutput output) {
		SpringApplication application = new SpringApplication(Minimal.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
				"--spring.datasource.url=" + url, "--spring.datasource.username=app",
				"--spring.datasource.password=s3cret", "--poolpilot.tuning.inspect-timeout=1s")) {
			ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
			assertThat(pool.advice()).extracting(PoolAdvice::check).contains(Check.DATABASE_UNREADABLE);
			assertThat(pool.databaseFacts().problem()).isNotBlank().doesNotContain("s3cret");
			assertThat(pool.advice()).allSatisfy((advice) -> assertThat(advice.message()).doesNotContain("s3cret"));
		}
		assertThat(output).contains("dataSource - could not read the database's limits").doesNotContain("s3cret");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, PoolPilotAutoConfiguration.class })
	static class Minimal {

	}

}
