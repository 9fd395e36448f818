package io.github.poolpilot.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.github.poolpilot.sample.BuildRepository.Build;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fires concurrent builds, as the release platform's users did every morning, through the
 * incident's code or the fixed one, and says how many got through.
 *
 * @author Pool Pilot contributors
 */
@RestController
public class IncidentController {

	private final BuildService incident;

	private final FixedBuildService fixed;

	public IncidentController(BuildService incident, FixedBuildService fixed) {
		this.incident = incident;
		this.fixed = fixed;
	}

	@PostMapping("/incident")
	public Outcome fire(@RequestParam(defaultValue = "10") int builds,
			@RequestParam(defaultValue = "false") boolean fix) throws InterruptedException {
		if (builds < 1 || builds > 200) {
			throw new IllegalArgumentException("builds must be between 1 and 200");
		}
		Function<String, Build> build = fix ? this.fixed::build : this.incident::build;
		long start = System.nanoTime();
		ExecutorService executor = Executors.newFixedThreadPool(builds);
		try {
			List<Future<Build>> results = new ArrayList<>();
			for (int i = 0; i < builds; i++) {
				String job = "release-" + i;
				results.add(executor.submit(() -> build.apply(job)));
			}
			int succeeded = 0;
			List<String> errors = new ArrayList<>();
			for (Future<Build> result : results) {
				try {
					result.get();
					succeeded++;
				}
				catch (Exception ex) {
					errors.add(rootMessage(ex));
				}
			}
			return new Outcome(fix ? "fixed" : "incident", builds, succeeded, errors.size(),
					(System.nanoTime() - start) / 1_000_000, errors.stream().distinct().limit(3).toList());
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

	/**
	 * What happened to a volley of builds.
	 *
	 * @param variant {@code incident} or {@code fixed}
	 * @param builds how many were fired
	 * @param succeeded how many completed
	 * @param failed how many failed
	 * @param elapsedMillis wall time of the volley
	 * @param errors up to three distinct error messages
	 */
	public record Outcome(String variant, int builds, int succeeded, int failed, long elapsedMillis,
			List<String> errors) {

	}

}
