package io.github.poolpilot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starts real applications with bad {@code poolpilot.*} values and reads what the user
 * sees.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidPoolPilotPropertyFailureAnalyzerTests {

	@Test
	void negativeConnectionTimeoutFailsStartupNamingPropertyAndValue(CapturedOutput output) {
		startExpectingFailure("--poolpilot.tuning.connection-timeout=-1s");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: poolpilot.tuning.connection-timeout")
			.contains("Value: -1s")
			.contains("must be at least 250ms")
			.contains("Set poolpilot.tuning.connection-timeout to a duration between 250ms and 30s");
	}

	@Test
	void utilizationOutsideRatioRangeFailsStartup(CapturedOutput output) {
		startExpectingFailure("--poolpilot.tuning.target-utilization=1.5");
		assertThat(output).contains("Property: poolpilot.tuning.target-utilization")
			.contains("Value: 1.5")
			.contains("must be a ratio in (0, 1]");
	}

	@Test
	void zeroUtilizationFailsStartup(CapturedOutput output) {
		startExpectingFailure("--poolpilot.tuning.target-utilization=0");
		assertThat(output).contains("Property: poolpilot.tuning.target-utilization").contains("Value: 0");
	}

	@Test
	void arrivalRateWithoutHoldTimeFailsStartup(CapturedOutput output) {
		startExpectingFailure("--poolpilot.tuning.expected-arrival-rate=200");
		assertThat(output).contains("Property: poolpilot.tuning.expected-hold-time")
			.contains("Set poolpilot.tuning.expected-hold-time as well, or remove both.");
	}

	@Test
	void loadWindowBelowOneSecondFailsStartup(CapturedOutput output) {
		startExpectingFailure("--poolpilot.load.window=500ms");
		assertThat(output).contains("Property: poolpilot.load.window")
			.contains("Value: 500ms")
			.contains("Set poolpilot.load.window to a duration such as 1m.");
	}

	@Test
	void negativeLongHeldThresholdFailsStartup(CapturedOutput output) {
		startExpectingFailure("--poolpilot.leases.long-held-threshold=-1s");
		assertThat(output).contains("Property: poolpilot.leases.long-held-threshold").contains("must not be negative");
	}

	@Test
	void negativeDatabaseCoresFailStartup(CapturedOutput output) {
		startExpectingFailure("--poolpilot.tuning.database-cores=-4");
		assertThat(output).contains("Property: poolpilot.tuning.database-cores").contains("Value: -4");
	}

	@Test
	void nestedGroupValueIsReportedWithItsFullNameAndOrigin(CapturedOutput output) {
		startExpectingFailure("--poolpilot.guard.stall-detection.interval=1ms");
		assertThat(output).contains("Property: poolpilot.guard.stall-detection.interval")
			.contains("Value: 1ms")
			.contains("Reason: must be at least 10ms")
			.contains("Set poolpilot.guard.stall-detection.interval to a duration such as 250ms.");
	}

	@Test
	void sizingValueIsReportedWithItsOrigin(CapturedOutput output) {
		startExpectingFailure("--poolpilot.sizing.max-size=1");
		assertThat(output).contains("Property: poolpilot.sizing.max-size")
			.contains("Value: 1")
			.contains("Origin: \"poolpilot.sizing.max-size\" from property source \"commandLineArgs\"")
			.contains("Reason: must not be below poolpilot.sizing.min-size (2)")
			.contains("Set poolpilot.sizing.max-size to at least 2, or lower poolpilot.sizing.min-size.");
	}

	@Test
	void notANumberIsReportedByBootsBinder(CapturedOutput output) {
		startExpectingFailure("--poolpilot.tuning.expected-arrival-rate=fast");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("poolpilot.tuning.expected-arrival-rate")
			.contains("fast");
	}

	@Test
	void failureReportNeverShowsTheDatabasePassword(CapturedOutput output) {
		startExpectingFailure("--poolpilot.tuning.keepalive-time=5s",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/app?user=app&password=s3cret",
				"--spring.datasource.password=s3cret");
		assertThat(output).contains("Property: poolpilot.tuning.keepalive-time").doesNotContain("s3cret");
	}

	private void startExpectingFailure(String... args) {
		SpringApplication application = new SpringApplication(Minimal.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] all = new String[args.length + 1];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--spring.main.banner-mode=off";
		assertThatException().isThrownBy(() -> application.run(all).close());
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, PoolPilotAutoConfiguration.class,
			SizingAutoConfiguration.class, GuardAutoConfiguration.class })
	static class Minimal {

	}

}
