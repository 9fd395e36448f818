package io.github.poolpilot.lease;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * How many threads of a kind can run at once, where the application's configuration says:
 * embedded Tomcat's worker threads. The exhaustion report takes it as the number of
 * threads that can nest at once, the {@code Tn} of HikariCP's deadlock bound. A thread of
 * any other kind (an executor of the application's own, a virtual thread) is unknown and
 * left to what the report sees.
 *
 * @author Pool Pilot contributors
 */
public final class WorkerThreads {

	/** Knows no thread. */
	public static final WorkerThreads NONE = new WorkerThreads(null);

	private static final String TOMCAT_MAX_THREADS = "server.tomcat.threads.max";

	// Spring Boot's default for server.tomcat.threads.max
	private static final int TOMCAT_DEFAULT_MAX_THREADS = 200;

	private final @Nullable Environment environment;

	private WorkerThreads(@Nullable Environment environment) {
		this.environment = environment;
	}

	/**
	 * Read the thread limits from the application's configuration.
	 * @param environment the application's environment
	 * @return the limits
	 */
	public static WorkerThreads from(Environment environment) {
		return new WorkerThreads(environment);
	}

	/**
	 * Return the limit of the kind of thread a thread is.
	 * @param thread a thread
	 * @return its kind's limit, or {@code null} when unknown
	 */
	public @Nullable Limit of(Thread thread) {
		Environment environment = this.environment;
		if (environment == null) {
			return null;
		}
		String type = thread.getClass().getName();
		if (!"org.apache.tomcat.util.threads.TaskThread".equals(type) || !thread.getName().contains("-exec-")) {
			return null;
		}
		Integer threads = environment.getProperty(TOMCAT_MAX_THREADS, Integer.class, TOMCAT_DEFAULT_MAX_THREADS);
		return (threads > 0) ? new Limit(threads, "the web server's worker threads, " + TOMCAT_MAX_THREADS) : null;
	}

	/**
	 * The most threads of one kind that run at once.
	 *
	 * @param threads how many
	 * @param source what they are and where the figure comes from
	 */
	public record Limit(int threads, String source) {

	}

}
