package io.github.poolpilot.sample;

import io.github.poolpilot.sample.BuildRepository.Build;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * The fix: two short transactions around the remote call instead of one around
 * everything. The database connection goes back to the pool before the CI server is
 * asked, and is taken again only to record the result.
 *
 * @author Pool Pilot contributors
 */
@Service
public class FixedBuildService {

	private final BuildRepository builds;

	private final RestClient ci;

	private final TransactionTemplate transaction;

	public FixedBuildService(BuildRepository builds, RestClient ciClient, TransactionTemplate transaction) {
		this.builds = builds;
		this.ci = ciClient;
		this.transaction = transaction;
	}

	public Build build(String job) {
		Long id = this.transaction.execute((status) -> this.builds.create(job));
		String result = this.ci.post().uri("/job/{job}/build", job).retrieve().body(String.class);
		String status = (result != null && result.contains("SUCCESS")) ? "SUCCESS" : "FAILURE";
		this.transaction.executeWithoutResult((tx) -> this.builds.updateStatus(id, status));
		return new Build(id, job, status);
	}

}
