package io.github.poolpilot.sample;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The CI server stand-in and the client that calls it, built from Boot's
 * {@link RestClient.Builder} so that it reports observations (and Pool Pilot's
 * interceptor sees it).
 *
 * @author Pool Pilot contributors
 */
@Configuration(proxyBeanMethods = false)
class CiClientConfiguration {

	@Bean
	CiServer ciServer(@Value("${sample.ci.delay:2s}") Duration delay) {
		return new CiServer(delay);
	}

	@Bean
	RestClient ciClient(RestClient.Builder builder, CiServer ciServer) {
		return builder.baseUrl(ciServer.baseUri()).build();
	}

}
