package io.github.poolpilot.testing.jpa;

import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes an audit record in a transaction of its own: called from inside another
 * transaction, it needs a second connection of the same pool.
 */
public class AuditService {

	private final AuditRepository audits;

	public AuditService(AuditRepository audits) {
		this.audits = audits;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void audit(String what) {
		this.audits.save(new AuditEntry(what));
	}

}
