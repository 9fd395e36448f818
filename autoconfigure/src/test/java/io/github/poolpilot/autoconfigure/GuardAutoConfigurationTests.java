package io.github.poolpilot.autoconfigure;

import io.github.poolpilot.guard.ConnectionGuard;
import io.github.poolpilot.guard.GuardClientHttpRequestInterceptor;
import io.github.poolpilot.guard.GuardFindings;
import io.github.poolpilot.guard.GuardMode;
import io.github.poolpilot.guard.GuardObservationHandler;
import io.github.poolpilot.guard.StallDetector;
import io.github.poolpilot.guard.ViolationCounter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of the guard: which beans exist, when they back off, and how bad properties
 * fail.
 */
class GuardAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PoolPilotAutoConfiguration.class, GuardAutoConfiguration.class));

	@Test
	void guardIsOnInWarnModeByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ConnectionGuard.class)
				.hasSingleBean(GuardFindings.class)
				.hasSingleBean(StallDetector.class)
				.hasSingleBean(GuardObservationHandler.class)
				.hasSingleBean(GuardClientHttpRequestInterceptor.class)
				.hasSingleBean(ViolationCounter.class)
				.hasBean("poolPilotGuardRestClientCustomizer")
				.hasBean("poolPilotGuardRestTemplateCustomizer")
				.doesNotHaveBean(GuardBackstopBeanPostProcessor.class);
			assertThat(context.getBean(ConnectionGuard.class).mode()).isEqualTo(GuardMode.WARN);
			assertThat(context.getBean(StallDetector.class).isRunning()).isTrue();
		});
	}

	@Test
	void strictModeIsBound() {
		this.contextRunner.withPropertyValues("poolpilot.guard.mode=STRICT")
			.run((context) -> assertThat(context.getBean(ConnectionGuard.class).mode()).isEqualTo(GuardMode.STRICT));
	}

	@Test
	void offModeBacksOff() {
		this.contextRunner.withPropertyValues("poolpilot.guard.mode=off")
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectionGuard.class)
				.doesNotHaveBean(StallDetector.class)
				.doesNotHaveBean(GuardObservationHandler.class));
	}

	@Test
	void disabledPoolPilotBacksOff() {
		this.contextRunner.withPropertyValues("poolpilot.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectionGuard.class));
	}

	@Test
	void interceptorBacksOffWithoutBootsRestClientSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestClientCustomizer.class))
			.run((context) -> assertThat(context).hasSingleBean(ConnectionGuard.class)
				.doesNotHaveBean(GuardClientHttpRequestInterceptor.class));
	}

	@Test
	void stallDetectionCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("poolpilot.guard.stall-detection.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ConnectionGuard.class)
				.doesNotHaveBean(StallDetector.class));
	}

	@Test
	void backstopIsInstalledWhenItsTimeoutIsSet() {
		this.contextRunner.withPropertyValues("poolpilot.guard.idle-in-transaction-timeout=30s")
			.run((context) -> assertThat(context).hasSingleBean(GuardBackstopBeanPostProcessor.class));
	}

	@Test
	void badStallIntervalFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("poolpilot.guard.stall-detection.interval=1ms")
			.run((context) -> assertThat(analyzeFailure(context).getDescription())
				.contains("Property: poolpilot.guard.stall-detection.interval")
				.contains("Value: 1ms"));
	}

	@Test
	void emptyAllowedHostFailsStartup() {
		this.contextRunner.withPropertyValues("poolpilot.guard.allowed-hosts=ci.internal, ")
			.run((context) -> assertThat(analyzeFailure(context).getDescription())
				.contains("Property: poolpilot.guard.allowed-hosts")
				.contains("Reason: contains an empty host pattern"));
	}

	private static FailureAnalysis analyzeFailure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidPoolPilotPropertyFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		return analysis;
	}

}
