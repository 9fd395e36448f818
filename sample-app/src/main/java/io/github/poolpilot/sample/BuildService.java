package io.github.poolpilot.sample;

import io.github.poolpilot.sample.BuildRepository.Build;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.client.RestClient;

/**
 * The incident, as it was written: one transaction records the build, asks the CI server
 * to run it and waits for the answer, then records the result. The transaction takes its
 * connection when it starts and keeps it while the CI server takes its time, so a handful
 * of slow builds drain the pool for everybody.
 *
 * @author Pool Pilot contributors
 */
@Service
public class BuildService {

	private final BuildRepository builds;

	private final RestClient ci;

	public BuildService(BuildRepository builds, RestClient ciClient) {
		this.builds = builds;
		this.ci = ciClient;
	}

	@Transactional
	public Build build(String job) {
		long id = this.builds.create(job);
		String result = this.ci.post().uri("/job/{job}/build", job).retrieve().body(String.class);
		String status = (result != null && result.contains("SUCCESS")) ? "SUCCESS" : "FAILURE";
		this.builds.updateStatus(id, status);
		return new Build(id, job, status);
	}

}
