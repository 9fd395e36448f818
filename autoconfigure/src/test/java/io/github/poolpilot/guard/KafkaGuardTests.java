package io.github.poolpilot.guard;

import io.github.poolpilot.testing.ReactiveBuildService;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kafka producer inside a transaction, with Boot's {@code KafkaTemplate} against a real
 * KRaft broker in the test's JVM: caught through the template's observation, and named at
 * startup when those observations are off.
 */
@ExtendWith(OutputCaptureExtension.class)
@Tag("guard-integration")
class KafkaGuardTests {

	private static final String TOPIC = "builds";

	private static KafkaClusterTestKit broker;

	private final ApplicationContextRunner contextRunner = GuardContexts.withoutHttp()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, ObservationAutoConfiguration.class))
		.withBean(ReactiveBuildService.class)
		.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
				"poolpilot.guard.stall-detection.enabled=false");

	// the KRaft test kit that spring-kafka-test's EmbeddedKafkaKraftBroker wraps, used
	// directly: the broker class calls a method of the kit that Kafka 4.3 no longer has
	@BeforeAll
	static void startBroker() throws Exception {
		broker = new KafkaClusterTestKit.Builder(
				new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
			.setConfigProp("auto.create.topics.enable", "true")
			.setConfigProp("offsets.topic.replication.factor", "1")
			.build();
		broker.format();
		broker.startup();
		broker.waitForReadyBrokers();
	}

	@AfterAll
	static void stopBroker() throws Exception {
		broker.close();
	}

	@Test
	@SuppressWarnings("unchecked")
	void sendInsideTransactionIsReportedWithItsCallSite() {
		this.contextRunner.withPropertyValues("spring.kafka.template.observation-enabled=true").run((context) -> {
			ReactiveBuildService service = context.getBean(ReactiveBuildService.class);
			service.buildAndPublish(context.getBean(KafkaTemplate.class), TOPIC);
			Violation violation = context.getBean(GuardFindings.class).recentViolations().get(0);
			assertThat(violation.call().kind()).isEqualTo(RemoteCallKind.MESSAGING);
			assertThat(violation.call().detector()).isEqualTo("observation");
			assertThat(violation.call().target()).startsWith("spring.kafka.template to Apache Kafka");
			assertThat(violation.callSite())
				.startsWith("ReactiveBuildService.buildAndPublish(ReactiveBuildService.java:");
			assertThat(violation.message()).endsWith("Send the message after the transaction commits.");
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void startupNamesThePropertyWhenTemplateObservationsAreOff(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(output).contains("KafkaTemplate sends inside a transaction are not seen by the guard: "
					+ "their observations are off. Set spring.kafka.template.observation-enabled=true");
			ReactiveBuildService service = context.getBean(ReactiveBuildService.class);
			service.buildAndPublish(context.getBean(KafkaTemplate.class), TOPIC);
			assertThat(context.getBean(GuardFindings.class).violationCount()).isZero();
		});
	}

}
