package io.github.poolpilot.benchmarks.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.poolpilot.sizing.SizingEvent;
import org.jspecify.annotations.Nullable;

/**
 * Everything one contender's run of one scenario left behind: the plan, each request, the
 * pool's samples, Pool Pilot's sizing changes and the server's own count of connections
 * at the end.
 *
 * @param scenario the scenario's id
 * @param contender the contender
 * @param phases the plan
 * @param phaseStarts where each phase starts, and the end of the last, in nanoseconds
 * since the start
 * @param requests what happened to each request
 * @param samples the pool every 100 ms
 * @param events Pool Pilot's sizing changes, empty for the others
 * @param serverConnections connections {@code pg_stat_activity} showed for the pool after
 * the last request
 * @param firstError the first failure other than an acquire timeout, or {@code null}
 * @param loadBefore the machine's 1-minute load average when the run started
 * @param loadAfter the machine's 1-minute load average when the run ended
 * @param started the wall-clock instant of the run's start, to place the sizing changes'
 * times on the run's own time line
 * @author Pool Pilot contributors
 */
record Run(String scenario, Contender contender, List<Phase> phases, long[] phaseStarts, Requests requests,
		List<Sample> samples, List<SizingEvent> events, int serverConnections, @Nullable String firstError,
		double loadBefore, double loadAfter, Instant started) {

	/**
	 * Create a run whose sizing changes are not placed on its time line.
	 * @param scenario the scenario's id
	 * @param contender the contender
	 * @param phases the plan
	 * @param phaseStarts where each phase starts, and the end of the last
	 * @param requests what happened to each request
	 * @param samples the pool every 100 ms
	 * @param events the sizing changes of Pool Pilot
	 * @param serverConnections connections {@code pg_stat_activity} showed at the end
	 * @param firstError the first failure other than an acquire timeout
	 * @param loadBefore the load average when the run started
	 * @param loadAfter the load average when the run ended
	 */
	Run(String scenario, Contender contender, List<Phase> phases, long[] phaseStarts, Requests requests,
			List<Sample> samples, List<SizingEvent> events, int serverConnections, @Nullable String firstError,
			double loadBefore, double loadAfter) {
		this(scenario, contender, phases, phaseStarts, requests, samples, events, serverConnections, firstError,
				loadBefore, loadAfter, Instant.EPOCH);
	}

	/**
	 * Return when a sizing change was decided, on the run's time line.
	 * @param event the change
	 * @return nanoseconds since the run started
	 */
	long offsetNanos(SizingEvent event) {
		return Duration.between(this.started, event.time()).toNanos();
	}

	/**
	 * Return the samples taken during one phase.
	 * @param phase the phase's index
	 * @return the samples, oldest first
	 */
	List<Sample> samples(int phase) {
		long from = this.phaseStarts[phase] / 1_000_000;
		long to = this.phaseStarts[phase + 1] / 1_000_000;
		return this.samples.stream().filter((sample) -> sample.millis() >= from && sample.millis() < to).toList();
	}

	/**
	 * Return the samples from a given time on.
	 * @param fromMillis milliseconds since the start
	 * @return the samples, oldest first
	 */
	List<Sample> samplesFrom(long fromMillis) {
		return this.samples.stream().filter((sample) -> sample.millis() >= fromMillis).toList();
	}

}
