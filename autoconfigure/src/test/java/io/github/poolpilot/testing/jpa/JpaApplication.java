package io.github.poolpilot.testing.jpa;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The user configuration of the JPA tests: its package holds the entities and
 * repositories that Spring Boot scans.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class JpaApplication {

	@Bean
	AuditService auditService(AuditRepository audits) {
		return new AuditService(audits);
	}

	@Bean
	BuildService jpaBuildService(BuildRepository builds, AuditService audit) {
		return new BuildService(builds, audit);
	}

}
