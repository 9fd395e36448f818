package io.github.poolpilot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of every {@code poolpilot.*} group, broken once in a real context and read
 * back through {@link InvalidPoolPilotPropertyFailureAnalyzer}: the full property name,
 * the value as written, the reason and the advice.
 */
class PropertyRulesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PoolPilotAutoConfiguration.class,
				SizingAutoConfiguration.class, GuardAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:rules;DB_CLOSE_DELAY=-1",
				"spring.datasource.generate-unique-name=true");

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					poolpilot.tuning.connection-timeout       | 100ms | must be at least 250ms           | to a duration between 250ms and 30s
					poolpilot.tuning.keepalive-time           | 5s    | must be 0 (off) or at least 30s  | to a duration of at least 30s
					poolpilot.tuning.expected-arrival-rate    | -3    | must be a positive number        | to a positive number, such as 200
					poolpilot.tuning.target-utilization       | 1.5   | must be a ratio in (0, 1]        | to a ratio above 0 and at most 1
					poolpilot.tuning.target-utilization       | 0     | must be a ratio in (0, 1]        | such as 0.8
					poolpilot.tuning.database-cores           | -4    | must be at least 1               | CPU core count, or remove it
					poolpilot.tuning.inspect-timeout          | 0s    | must be a positive duration      | such as 5s
					poolpilot.leases.max-listed               | 0     | must be at least 1               | to a positive number, such as 50
					poolpilot.leases.exhaustion-log-interval  | -1s   | must not be negative             | or 0 to log every time
					poolpilot.leases.long-held-threshold      | -1s   | must not be negative             | such as 5s
					poolpilot.load.window                     | 500ms | must be at least 1s              | to a duration such as 1m
					poolpilot.sizing.min-size                 | 0     | must be at least 1               | to 1 or more, such as 2
					poolpilot.sizing.max-size                 | 1     | must not be below poolpilot.sizing.min-size (2) | or lower poolpilot.sizing.min-size
					poolpilot.sizing.interval                 | 1ms   | must be at least 10ms            | such as 1s
					poolpilot.sizing.cooldown                 | -1s   | must not be negative             | such as 3s
					poolpilot.sizing.shrink-delay             | -1s   | must not be negative             | such as 30s
					poolpilot.sizing.saturation-memory        | -1m   | must not be negative             | such as 5m
					poolpilot.sizing.hold-time-percentile     | 1     | must be a ratio above 0 and below 1 | such as 0.9
					poolpilot.sizing.headroom                 | 11    | must be between 0 and 10         | such as 1.0
					poolpilot.sizing.saturation-tolerance     | 0     | must be a ratio above 0 and at most 10 | such as 0.2
					poolpilot.guard.log-interval              | -1m   | must not be negative             | or 0 to log every violation
					poolpilot.guard.recent-violations         | 0     | must be at least 1               | such as 100
					poolpilot.guard.max-call-sites            | 0     | must be at least 1               | such as 500
					poolpilot.guard.idle-in-transaction-timeout | 0s  | must be at least 1ms             | such as 30s, or remove it
					poolpilot.guard.stall-detection.threshold | 0ms   | must be a positive duration      | such as 300ms
					poolpilot.guard.stall-detection.interval  | 5ms   | must be at least 10ms            | such as 250ms
					""")
	void brokenRuleFailsStartupWithItsFullPropertyName(String property, String value, String reason, String advice) {
		FailureAnalysis analysis = analyzeFailure(property + "=" + value);
		assertThat(analysis.getDescription()).contains("Property: " + property + System.lineSeparator())
			.contains("Value: " + value)
			.contains("Reason: " + reason);
		assertThat(analysis.getAction()).startsWith("Set " + property + " ").contains(advice).endsWith(".");
	}

	@Test
	void expectedHoldTimeMustBePositive() {
		FailureAnalysis analysis = analyzeFailure("poolpilot.tuning.expected-arrival-rate=200",
				"poolpilot.tuning.expected-hold-time=0ms");
		assertThat(analysis.getDescription()).contains("Property: poolpilot.tuning.expected-hold-time")
			.contains("Value: 0ms")
			.contains("Reason: must be a positive duration");
	}

	@Test
	void holdTimeWithoutArrivalRateNamesTheMissingOne() {
		FailureAnalysis analysis = analyzeFailure("poolpilot.tuning.expected-hold-time=20ms");
		assertThat(analysis.getDescription()).contains("Property: poolpilot.tuning.expected-arrival-rate")
			.contains("Value: (not set)")
			.contains("only one was set");
		assertThat(analysis.getAction())
			.isEqualTo("Set poolpilot.tuning.expected-arrival-rate as well, or remove both.");
	}

	@Test
	void everyBadValueOfAGroupIsReportedOnce() {
		FailureAnalysis analysis = analyzeFailure("poolpilot.sizing.min-size=0", "poolpilot.sizing.cooldown=-1s",
				"poolpilot.sizing.headroom=-1");
		assertThat(analysis.getDescription()).containsOnlyOnce("Property: poolpilot.sizing.min-size")
			.containsOnlyOnce("Property: poolpilot.sizing.cooldown")
			.containsOnlyOnce("Property: poolpilot.sizing.headroom");
		assertThat(analysis.getAction().lines()).hasSize(3);
	}

	@Test
	void goodValuesStartTheContext() {
		this.contextRunner
			.withPropertyValues("poolpilot.tuning.keepalive-time=0", "poolpilot.tuning.expected-arrival-rate=200",
					"poolpilot.tuning.expected-hold-time=20ms", "poolpilot.sizing.min-size=3",
					"poolpilot.sizing.max-size=3", "poolpilot.guard.allowed-hosts=ci.internal,*.example.com")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private FailureAnalysis analyzeFailure(String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidPoolPilotPropertyFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("analysis of %s", String.join(", ", properties)).isNotNull();
		return analysis[0];
	}

}
