package io.github.poolpilot.testing.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An audit record, saved by {@link AuditService} in a transaction of its own.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String what;

	protected AuditEntry() {
	}

	public AuditEntry(String what) {
		this.what = what;
	}

	public Long getId() {
		return this.id;
	}

	public String getWhat() {
		return this.what;
	}

}
