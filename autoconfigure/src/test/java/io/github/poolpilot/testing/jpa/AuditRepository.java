package io.github.poolpilot.testing.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Spring Data JPA repository of {@link AuditEntry}s.
 */
public interface AuditRepository extends JpaRepository<AuditEntry, Long> {

}
