package io.github.poolpilot.benchmarks.scenario;

import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts Pool Pilot the way an application gets it: a Spring application with
 * {@code @EnableAutoConfiguration}, so that Spring Boot's data source and every Pool
 * Pilot auto-configuration on the class path apply.
 *
 * @author Pool Pilot contributors
 */
final class PoolPilotContext {

	private PoolPilotContext() {
	}

	/**
	 * Start the application.
	 * @param properties its configuration, ahead of any other source
	 * @return the running context
	 */
	static ConfigurableApplicationContext start(Map<String, Object> properties) {
		SpringApplication application = new SpringApplication(ScenarioApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setRegisterShutdownHook(false);
		application.addInitializers((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("scenario", properties)));
		return application.run();
	}

	/**
	 * The application: nothing but auto-configuration.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ScenarioApplication {

	}

}
