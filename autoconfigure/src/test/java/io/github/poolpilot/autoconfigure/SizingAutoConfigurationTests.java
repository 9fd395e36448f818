package io.github.poolpilot.autoconfigure;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.PoolEventListenerFactory;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.sizing.RemoteWaitSource;
import io.github.poolpilot.sizing.SizingController;
import io.github.poolpilot.sizing.SizingMeterBinder;
import io.github.poolpilot.sizing.SizingMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SizingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PoolPilotAutoConfiguration.class,
				SizingAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:sizing;DB_CLOSE_DELAY=-1",
				"spring.datasource.generate-unique-name=true");

	@Test
	void controllerAndMeterBinderAreConfiguredAndTheControllerRuns() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SizingController.class).hasSingleBean(SizingMeterBinder.class);
			assertThat(context.getBean(SizingController.class).isRunning()).isTrue();
		});
	}

	@Test
	void sizingAddsNoListenerToTheConnectionPath() {
		// the controller reads the pool's load, which the lease registry feeds
		this.contextRunner.run((context) -> assertThat(context.getBeansOfType(PoolEventListenerFactory.class))
			.containsOnlyKeys("poolPilotLeaseRegistry"));
	}

	@Test
	void defaultModeIsAuto() {
		this.contextRunner.run((context) -> {
			SizingProperties properties = context.getBean(SizingProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getMode()).isEqualTo(SizingMode.AUTO);
			assertThat(properties.getInterval()).isEqualTo(Duration.ofSeconds(1));
		});
	}

	@Test
	void propertiesAreBound() {
		this.contextRunner
			.withPropertyValues("poolpilot.sizing.mode=auto", "poolpilot.sizing.min-size=3",
					"poolpilot.sizing.max-size=40", "poolpilot.sizing.interval=250ms", "poolpilot.sizing.cooldown=2s",
					"poolpilot.sizing.shrink-delay=1m", "poolpilot.sizing.hold-time-percentile=0.99",
					"poolpilot.sizing.headroom=1.5", "poolpilot.sizing.saturation-tolerance=0.3",
					"poolpilot.sizing.saturation-memory=10m")
			.run((context) -> {
				SizingProperties properties = context.getBean(SizingProperties.class);
				assertThat(properties.getMode()).isEqualTo(SizingMode.AUTO);
				assertThat(properties.getMinSize()).isEqualTo(3);
				assertThat(properties.getMaxSize()).isEqualTo(40);
				assertThat(properties.getInterval()).isEqualTo(Duration.ofMillis(250));
				assertThat(properties.getCooldown()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getShrinkDelay()).isEqualTo(Duration.ofMinutes(1));
				assertThat(properties.getHoldTimePercentile()).isEqualTo(0.99);
				assertThat(properties.getHeadroom()).isEqualTo(1.5);
				assertThat(properties.getSaturationTolerance()).isEqualTo(0.3);
				assertThat(properties.getSaturationMemory()).isEqualTo(Duration.ofMinutes(10));
			});
	}

	@Test
	void backsOffWhenSizingIsDisabled() {
		this.contextRunner.withPropertyValues("poolpilot.sizing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SizingController.class)
				.doesNotHaveBean(SizingMeterBinder.class)
				.hasSingleBean(PoolRegistry.class));
	}

	@Test
	void backsOffWhenPoolPilotIsDisabled() {
		this.contextRunner.withPropertyValues("poolpilot.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SizingController.class));
	}

	@Test
	void backsOffWithoutHikari() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HikariDataSource.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SizingController.class));
	}

	@Test
	void meterBinderBacksOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(SizingController.class)
				.doesNotHaveBean(SizingMeterBinder.class));
	}

	@Test
	void userControllerReplacesTheAutoConfiguredOne() {
		this.contextRunner.withUserConfiguration(UserControllerConfiguration.class)
			.run((context) -> assertThat(context).getBean(SizingController.class)
				.isSameAs(context.getBean("userController")));
	}

	@Test
	void userRemoteWaitSourceIsUsed() {
		this.contextRunner.withUserConfiguration(RemoteWaitConfiguration.class)
			.run((context) -> assertThat(context.getBean(SizingController.class)).extracting("remoteWaits")
				.isSameAs(context.getBean(RemoteWaitSource.class)));
	}

	@Test
	void decisionCountersArePublishedForEachPoolAndTheTargetIsNotADuplicateGauge() {
		this.contextRunner.withPropertyValues("spring.datasource.hikari.pool-name=sizingPool").run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(HikariDataSource.class).getConnection().close();
			context.getBean(SizingMeterBinder.class).bindTo(registry);
			// the target is poolpilot.pool.recommended-size, the one recommendation users
			// see
			assertThat(registry.find("poolpilot.sizing.target").meters()).isEmpty();
			assertThat(registry.get("poolpilot.sizing.decisions")
				.tag("pool", "sizingPool")
				.tag("direction", "grow")
				.functionCounter()
				.count()).isZero();
		});
	}

	@Test
	void minSizeBelowOneFailsWithAnAnalysis() {
		assertFailure("poolpilot.sizing.min-size=0", "poolpilot.sizing.min-size", "0",
				"must be at least 1 (HikariCP needs one connection)", "Set poolpilot.sizing.min-size to 1 or more");
	}

	@Test
	void maxSizeBelowMinSizeFailsWithAnAnalysis() {
		assertFailure("poolpilot.sizing.max-size=1", "poolpilot.sizing.max-size", "1",
				"must not be below poolpilot.sizing.min-size (2)", "Set poolpilot.sizing.max-size to at least 2");
	}

	@Test
	void percentileOutsideZeroAndOneFailsWithAnAnalysis() {
		assertFailure("poolpilot.sizing.hold-time-percentile=90", "poolpilot.sizing.hold-time-percentile", "90",
				"must be a ratio above 0 and below 1", "such as 0.9");
	}

	@Test
	void tinyIntervalFailsWithAnAnalysis() {
		assertFailure("poolpilot.sizing.interval=1ms", "poolpilot.sizing.interval", "1ms", "must be at least 10ms",
				"Set poolpilot.sizing.interval");
	}

	@Test
	void negativeCooldownFailsWithAnAnalysis() {
		assertFailure("poolpilot.sizing.cooldown=-1s", "poolpilot.sizing.cooldown", "-1s", "must not be negative",
				"Set poolpilot.sizing.cooldown to a duration such as 3s.");
	}

	private void assertFailure(String property, String name, String value, String reason, String action) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidPoolPilotPropertyFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("Property: " + name)
				.contains("Value: " + value)
				.contains("Reason: " + reason);
			assertThat(analysis.getAction()).contains(action);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserControllerConfiguration {

		@Bean
		SizingController userController(PoolRegistry registry) {
			return new SizingController(registry, RemoteWaitSource.NONE,
					io.github.poolpilot.sizing.SizingSettings.DEFAULTS, java.time.Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RemoteWaitConfiguration {

		@Bean
		RemoteWaitSource remoteWaitSource() {
			return (pool) -> 0L;
		}

	}

}
