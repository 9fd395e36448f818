package io.github.poolpilot.benchmarks.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * Checks the fleet's targets against a run of the fleet scenario: no connection refused
 * by the server in any phase; at every 200 ms sample, no more sessions than the budget; a
 * replica that joins holds its fair share within 10 s of its context being ready, while
 * no other replica times out; no timeouts or errors after that; a killed replica's share
 * in use by the others again within the lease timeout + 5 s; and each replica's p99 at
 * most 1.5 x the hand-tuned static split's. Every contender is checked, so that stock
 * Boot and the static split show what the targets ask; the targets are the fleet's.
 * <p>
 * A replica's share is what it holds of the budget: in a fleet, the share its lease
 * grants (its pool's connections and the heartbeat's); outside a fleet, the connections
 * its pool opened, which are all the claim a pool has on the server. Its fair share is
 * the one the fleet computed (max-min fair by demand), or outside a fleet the budget
 * divided by the replicas running.
 *
 * @author Pool Pilot contributors
 */
final class FleetTargets {

	/**
	 * How long a joiner may take to reach its fair share.
	 */
	static final long JOIN_MILLIS = 10_000;

	/**
	 * How much longer than the lease timeout the others may take to use a dead replica's
	 * share.
	 */
	static final long RECLAIM_GRACE_MILLIS = 5_000;

	/**
	 * The most a replica's p99 may be, as a multiple of the static split's.
	 */
	static final double P99_RATIO = 1.5;

	private FleetTargets() {
	}

	/**
	 * Check one run.
	 * @param run the run
	 * @param split the static split's run, the reference for p99; {@code null} to skip
	 * that target (for the split itself)
	 * @param budget the connections the service's role may hold
	 * @return the verdicts
	 */
	static List<Verdict> check(FleetRun run, @Nullable FleetRun split, int budget) {
		List<Verdict> verdicts = new ArrayList<>();
		verdicts.add(refused(run));
		verdicts.add(withinBudget(run, budget));
		long fairAt = fairShareAt(run, budget);
		verdicts.add(joined(run, fairAt, budget));
		verdicts.add(clean(run, fairAt));
		verdicts.add(reclaimed(run, budget));
		if (split != null) {
			verdicts.add(latency(run, split));
		}
		return verdicts;
	}

	static Verdict refused(FleetRun run) {
		int two = run.refused(Long.MIN_VALUE, run.joinAt());
		int three = run.refused(run.joinAt(), run.killAt());
		int after = run.refused(run.killAt(), Long.MAX_VALUE);
		return verdict(run, "0 connections refused by the server, in every phase",
				format("two replicas: %d, three: %d, after the kill: %d", two, three, after), two + three + after == 0);
	}

	static Verdict withinBudget(FleetRun run, int budget) {
		int most = run.server().stream().mapToInt(FleetRun.ServerSample::total).max().orElse(0);
		long over = run.server().stream().filter((sample) -> sample.total() > budget).count();
		return verdict(run, "at every 200 ms sample, no more sessions than the budget (" + budget + ")",
				format("most %d sessions of the role in %d samples; %d above", most, run.server().size(), over),
				!run.server().isEmpty() && over == 0);
	}

	/**
	 * Return when the joiner first held its fair share, from its context being ready on.
	 * @param run the run
	 * @param budget the connections the service's role may hold
	 * @return milliseconds since the scenario started, {@code -1} if never
	 */
	static long fairShareAt(FleetRun run, int budget) {
		ReplicaTrace joiner = run.joiner();
		if (joiner.ready() < 0) {
			return -1;
		}
		for (ReplicaSample sample : joiner.samples()) {
			if (sample.millis() >= joiner.ready() && share(sample) >= fairShare(run, sample, budget)) {
				return sample.millis();
			}
		}
		return -1;
	}

	static Verdict joined(FleetRun run, long fairAt, int budget) {
		ReplicaTrace joiner = run.joiner();
		long until = (fairAt >= 0) ? fairAt : joiner.ready() + JOIN_MILLIS;
		int others = 0;
		for (ReplicaTrace replica : run.replicas()) {
			if (replica != joiner) {
				others += replica.failures((due) -> due >= joiner.launched() && due <= until);
			}
		}
		if (joiner.ready() < 0) {
			return verdict(run, "a joiner holds its fair share within 10 s of its context being ready, "
					+ "and no other replica times out meanwhile", "its context never got ready", false);
		}
		ReplicaSample last = joiner.at(until);
		String measured = (fairAt >= 0)
				? format("share %d (fair %d) %.1f s after ready; %d failures of the others meanwhile",
						share(joiner.at(fairAt)), fairShare(run, joiner.at(fairAt), budget),
						(fairAt - joiner.ready()) / 1e3, others)
				: format("not within the run (share %d 10 s after ready); %d failures of the others meanwhile",
						(last != null) ? share(last) : 0, others);
		return verdict(run,
				"a joiner holds its fair share within 10 s of its context being ready, "
						+ "and no other replica times out meanwhile",
				measured, fairAt >= 0 && fairAt - joiner.ready() <= JOIN_MILLIS && others == 0);
	}

	static Verdict clean(FleetRun run, long fairAt) {
		long from = (fairAt >= 0) ? fairAt : run.joiner().ready() + JOIN_MILLIS;
		StringJoiner measured = new StringJoiner(", ");
		int failures = 0;
		for (ReplicaTrace replica : run.replicas()) {
			int count = replica.failures((due) -> due > from);
			failures += count;
			measured.add(replica.id() + ": " + count);
		}
		return verdict(run, "after the join, no timeouts or errors",
				"timeouts and errors due from " + format("%.1f", from / 1e3) + " s on: " + measured, failures == 0);
	}

	static Verdict reclaimed(FleetRun run, int budget) {
		long kill = run.killAt();
		String target = "a killed replica's share is in use by the others within the lease timeout + 5 s ("
				+ (run.leaseMillis() + RECLAIM_GRACE_MILLIS) / 1000 + " s)";
		ReplicaSample victim = run.victim().at(kill);
		List<ReplicaTrace> survivors = run.replicas().subList(1, run.replicas().size());
		int before = 0;
		for (ReplicaTrace survivor : survivors) {
			ReplicaSample sample = survivor.at(kill);
			before += (sample != null) ? share(sample) : 0;
		}
		int freed = (victim != null) ? share(victim) : 0;
		for (ReplicaSample sample : survivors.get(0).samples()) {
			if (sample.millis() <= kill) {
				continue;
			}
			int held = 0;
			int demand = 0;
			boolean fleet = true;
			boolean leaseGone = true;
			for (ReplicaTrace survivor : survivors) {
				ReplicaSample at = survivor.at(sample.millis());
				held += (at != null) ? share(at) : 0;
				demand += (at != null && at.inFleet()) ? at.demand() : budget;
				fleet &= at != null && at.inFleet();
				// in a fleet, the freed share is free once the dead lease is gone
				leaseGone &= at == null || !at.inFleet() || at.replicas() <= survivors.size();
			}
			// a fleet keeps one slot out of every share, for a replica that joins
			int wanted = Math.min(before + freed, Math.min(demand, fleet ? budget - 1 : budget));
			if (leaseGone && held >= wanted) {
				long took = sample.millis() - kill;
				return verdict(run, target, format("%d of the survivors' %d + %d freed in use after %.1f s", held,
						before, freed, took / 1e3), took <= run.leaseMillis() + RECLAIM_GRACE_MILLIS);
			}
		}
		return verdict(run, target, format("never: the survivors held %d, and %d were freed", before, freed), false);
	}

	static Verdict latency(FleetRun run, FleetRun split) {
		StringJoiner measured = new StringJoiner("; ");
		boolean pass = true;
		for (int i = 0; i < run.replicas().size(); i++) {
			double p99 = FleetRun.figures(run.replicas().get(i)).p99Millis();
			double reference = FleetRun.figures(split.replicas().get(i)).p99Millis();
			measured.add(format("%s %.0f ms vs %.0f ms (%.2fx)", run.replicas().get(i).id(), p99, reference,
					p99 / reference));
			pass &= p99 <= P99_RATIO * reference;
		}
		return verdict(run, "each replica's p99 <= 1.5 x the static split's", measured.toString(), pass);
	}

	private static int share(ReplicaSample sample) {
		return sample.inFleet() ? sample.share() : sample.total();
	}

	private static int fairShare(FleetRun run, ReplicaSample sample, int budget) {
		return sample.inFleet() ? sample.fairShare() : budget / Math.max(1, run.live(sample.millis()));
	}

	private static Verdict verdict(FleetRun run, String target, String measured, boolean pass) {
		return new Verdict("fleet", run.label(), target, measured, pass);
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

}
