package io.github.poolpilot.testing.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Spring Data JPA repository of {@link Build}s.
 */
public interface BuildRepository extends JpaRepository<Build, Long> {

}
