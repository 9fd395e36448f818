package io.github.poolpilot.sample;

import java.util.List;

import io.github.poolpilot.sample.BuildRepository.Build;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP entry points of the sample: queue a build, list recent builds.
 *
 * @author Pool Pilot contributors
 */
@RestController
public class BuildController {

	private final BuildRepository builds;

	public BuildController(BuildRepository builds) {
		this.builds = builds;
	}

	@PostMapping("/builds/{job}")
	public Build queue(@PathVariable String job) {
		long id = this.builds.create(job);
		return new Build(id, job, "QUEUED");
	}

	@GetMapping("/builds")
	public List<Build> recent() {
		return this.builds.recent(20);
	}

}
