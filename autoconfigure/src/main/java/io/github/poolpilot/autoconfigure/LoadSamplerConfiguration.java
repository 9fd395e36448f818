package io.github.poolpilot.autoconfigure;

import io.github.poolpilot.metrics.LoadSampler;
import io.github.poolpilot.sizing.SizingController;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The load sampler that both the endpoint and the metrics read, imported by each of their
 * auto-configurations so that either works without the other. It recommends the sizing
 * controller's target when sizing is on.
 *
 * @author Pool Pilot contributors
 */
@Configuration(proxyBeanMethods = false)
class LoadSamplerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LoadSampler poolPilotLoadSampler(PoolPilotProperties properties, ObjectProvider<SizingController> sizing) {
		return new LoadSampler(properties.getTuning().getTargetUtilization(), sizing.getIfAvailable());
	}

}
