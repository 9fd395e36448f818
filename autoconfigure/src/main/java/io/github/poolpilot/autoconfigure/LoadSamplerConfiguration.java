package io.github.poolpilot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.poolpilot.metrics.LoadSampler;

/**
 * The load sampler that both the endpoint and the metrics read, imported by each of their auto-configurations
 * so that either works without the other.
 */
@Configuration(proxyBeanMethods = false)
class LoadSamplerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LoadSampler poolPilotLoadSampler(PoolPilotProperties properties) {
		return new LoadSampler(properties.getLoad().getWindow(), properties.getTuning().getTargetUtilization());
	}

}
