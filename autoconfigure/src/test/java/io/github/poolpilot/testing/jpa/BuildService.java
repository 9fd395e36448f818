package io.github.poolpilot.testing.jpa;

import java.net.URI;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The pool's self-deadlock and the incident on Spring Data JPA: {@code @Transactional}
 * methods that save a build and then audit it in a {@code REQUIRES_NEW} transaction, or
 * call a CI server.
 */
public class BuildService {

	private final BuildRepository builds;

	private final AuditService audit;

	private volatile Runnable afterSave = () -> {
	};

	public BuildService(BuildRepository builds, AuditService audit) {
		this.builds = builds;
		this.audit = audit;
	}

	/**
	 * Set what runs between the save and the audit, so that a test can hold every caller
	 * there until all of them hold a connection.
	 * @param afterSave the step
	 */
	public void afterSave(Runnable afterSave) {
		this.afterSave = afterSave;
	}

	@Transactional
	public void buildWithAudit(String name) {
		this.builds.save(new Build(name));
		this.afterSave.run();
		this.audit.audit("built " + name);
	}

	@Transactional
	public void buildWithRestClient(RestClient client, URI uri) {
		this.builds.save(new Build(uri.getPath()));
		client.post().uri(uri).retrieve().toBodilessEntity();
	}

	@Transactional
	public void buildWithWebClientBlock(WebClient client, URI uri) {
		this.builds.save(new Build(uri.getPath()));
		client.post().uri(uri).retrieve().toBodilessEntity().block();
	}

}
