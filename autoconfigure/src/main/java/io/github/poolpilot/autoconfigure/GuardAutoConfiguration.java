package io.github.poolpilot.autoconfigure;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.actuate.GuardSection;
import io.github.poolpilot.guard.AllowList;
import io.github.poolpilot.guard.ConnectionGuard;
import io.github.poolpilot.guard.GuardClientHttpRequestInterceptor;
import io.github.poolpilot.guard.GuardFindings;
import io.github.poolpilot.guard.GuardObservationHandler;
import io.github.poolpilot.guard.NestedTransactionListener;
import io.github.poolpilot.guard.StallDetector;
import io.github.poolpilot.guard.ViolationCounter;
import io.github.poolpilot.guard.ViolationListener;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.sizing.RemoteWaitSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationHandler;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Auto-configuration for the transaction-scope guard: a remote call made while a
 * transaction holds a pooled connection is seen by an Observation handler, a RestClient
 * and RestTemplate interceptor, or the stall detector, and reported, counted and, in
 * strict mode, refused; a thread that borrows a second connection of a pool it holds one
 * of is named by a data source wrapper before the borrow can wait. Off with
 * {@code poolpilot.guard.mode=off}.
 *
 * @author Pool Pilot contributors
 */
@AutoConfiguration(after = PoolPilotAutoConfiguration.class)
@ConditionalOnClass({ HikariDataSource.class, TransactionSynchronizationManager.class })
@ConditionalOnBooleanProperty(name = "poolpilot.enabled", matchIfMissing = true)
@Conditional(GuardAutoConfiguration.GuardNotOffCondition.class)
@ConditionalOnBean(LeaseRegistry.class)
@EnableConfigurationProperties(GuardProperties.class)
public final class GuardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GuardFindings poolPilotGuardFindings(GuardProperties properties) {
		return new GuardFindings(properties.getRecentViolations(), properties.getMaxCallSites(),
				properties.getLogInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	RemoteWaitSource poolPilotGuardRemoteWaits(GuardFindings findings) {
		// the sizing controller never grows a pool to feed connections held idle across
		// remote calls
		return (pool) -> findings.remoteWaitNanos(pool.name());
	}

	@Bean
	@ConditionalOnMissingBean
	GuardSection poolPilotGuardSection(GuardFindings findings, GuardProperties properties) {
		return (pool) -> findings.report(pool.name(), properties.getMode());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionGuard poolPilotConnectionGuard(LeaseRegistry leaseRegistry, GuardProperties properties,
			GuardFindings findings, ObjectProvider<ViolationListener> listeners) {
		return new ConnectionGuard(leaseRegistry, properties.getMode(), new AllowList(properties.getAllowedHosts()),
				findings, listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "poolpilot.guard.stall-detection.enabled", matchIfMissing = true)
	StallDetector poolPilotStallDetector(LeaseRegistry leaseRegistry, ConnectionGuard guard,
			GuardProperties properties) {
		GuardProperties.StallDetection stall = properties.getStallDetection();
		return new StallDetector(leaseRegistry, guard, stall.getThreshold(), stall.getInterval());
	}

	@Bean
	@ConditionalOnProperty("poolpilot.guard.idle-in-transaction-timeout")
	static GuardBackstopBeanPostProcessor poolPilotGuardBackstopBeanPostProcessor(Environment environment,
			ObjectProvider<LeaseRegistry> leaseRegistry, ObjectProvider<ConnectionGuard> guard) {
		// a static bean is created before properties beans are bound: bind the one value
		// it needs here
		Duration timeout = Binder.get(environment)
			.bind("poolpilot.guard.idle-in-transaction-timeout", Duration.class)
			.orElse(Duration.ZERO);
		return new GuardBackstopBeanPostProcessor(timeout, leaseRegistry, guard);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "poolpilot.guard.nested-acquire.enabled", matchIfMissing = true)
	static GuardedDataSourceBeanPostProcessor poolPilotGuardedDataSourceBeanPostProcessor(
			ObjectProvider<ConnectionGuard> guard) {
		return new GuardedDataSourceBeanPostProcessor(guard);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "poolpilot.guard.nested-acquire.enabled", matchIfMissing = true)
	NestedTransactionListener poolPilotNestedTransactionListener(LeaseRegistry leaseRegistry) {
		return new NestedTransactionListener(leaseRegistry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationHandler.class)
	static class ObservationConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		@ConditionalOnMissingBean
		GuardObservationHandler poolPilotGuardObservationHandler(ConnectionGuard guard) {
			return new GuardObservationHandler(guard);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClientCustomizer.class, ClientHttpRequestInterceptor.class })
	static class RestClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GuardClientHttpRequestInterceptor poolPilotGuardClientHttpRequestInterceptor(ConnectionGuard guard) {
			return new GuardClientHttpRequestInterceptor(guard);
		}

		@Bean
		RestClientCustomizer poolPilotGuardRestClientCustomizer(GuardClientHttpRequestInterceptor interceptor) {
			return (builder) -> builder.requestInterceptor(interceptor);
		}

		@Bean
		RestTemplateCustomizer poolPilotGuardRestTemplateCustomizer(GuardClientHttpRequestInterceptor interceptor) {
			return (restTemplate) -> restTemplate.getInterceptors().add(interceptor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = KafkaObservationCheck.KAFKA_TEMPLATE)
	@ConditionalOnBooleanProperty(name = "spring.kafka.template.observation-enabled", havingValue = false,
			matchIfMissing = true)
	static class KafkaConfiguration {

		@Bean
		static KafkaObservationCheck poolPilotGuardKafkaObservationCheck(ListableBeanFactory beanFactory) {
			return new KafkaObservationCheck(beanFactory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ViolationCounter poolPilotGuardViolationCounter(ObjectProvider<MeterRegistry> meterRegistry) {
			return new ViolationCounter(meterRegistry::getIfUnique);
		}

	}

	/**
	 * Matches unless {@code poolpilot.guard.mode} is {@code off}.
	 */
	static class GuardNotOffCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String mode = context.getEnvironment().getProperty("poolpilot.guard.mode", "warn").trim();
			return "off".equalsIgnoreCase(mode) ? ConditionOutcome.noMatch("poolpilot.guard.mode is off")
					: ConditionOutcome.match("poolpilot.guard.mode is " + mode);
		}

	}

}
