package io.github.poolpilot.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;

/**
 * Says at startup that the guard cannot see {@code KafkaTemplate} sends: Spring Boot
 * leaves the template's observations off unless
 * {@code spring.kafka.template.observation-enabled} is set, and a send reports nothing
 * else on the calling thread.
 *
 * @author Pool Pilot contributors
 */
class KafkaObservationCheck implements SmartInitializingSingleton {

	static final String KAFKA_TEMPLATE = "org.springframework.kafka.core.KafkaTemplate";

	private static final Log logger = LogFactory.getLog(KafkaObservationCheck.class);

	private final ListableBeanFactory beanFactory;

	KafkaObservationCheck(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Class<?> template = ClassUtils.resolveClassName(KAFKA_TEMPLATE, getClass().getClassLoader());
		if (this.beanFactory.getBeanNamesForType(template, false, false).length > 0) {
			logger.warn("KafkaTemplate sends inside a transaction are not seen by the guard: their observations are "
					+ "off. Set spring.kafka.template.observation-enabled=true (or setObservationEnabled(true) on "
					+ "a template of your own) to have them named.");
		}
	}

}
