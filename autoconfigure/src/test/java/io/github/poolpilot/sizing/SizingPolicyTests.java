package io.github.poolpilot.sizing;

import java.time.Duration;

import io.github.poolpilot.sizing.SizingDecision.Direction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SizingPolicy}: one test per transition of its states. The tests play
 * the controller in auto mode by feeding the decided size back into the next sample,
 * unless they say otherwise; a sample lasts one second, or 20 ms while the controller
 * watches a queue.
 */
class SizingPolicyTests {

	private static final SizingSettings SETTINGS = new SizingSettings(SizingMode.AUTO, 2, 40, Duration.ofSeconds(1),
			Duration.ofSeconds(3), Duration.ofSeconds(30), 0.9, 1.0, 0.2, Duration.ofMinutes(5));

	private SizingPolicy policy = new SizingPolicy(SETTINGS);

	private int size;

	private int minimum;

	private int total;

	@Test
	void steadyNeedAboveTheSizeGrowsOnceTheNextSecondConfirmsIt() {
		start(4);
		// 200/s x p90 22 ms = 4.4 + sqrt(4.4) = 6.5 -> 7
		Load load = new Load(200, 20);
		assertThat(step(load).reason()).endsWith("needs 7, to be confirmed");
		SizingDecision grown = step(load);
		assertThat(grown.direction()).isEqualTo(Direction.GROW);
		assertThat(grown.maximumPoolSize()).isEqualTo(7);
		assertThat(grown.state()).isEqualTo(SizingState.STEADY);
		assertThat(grown.reason()).isEqualTo("offered 200.0/s (served 200.0/s) x p90 hold 22.0 ms = 4.4; needs 7");
	}

	@Test
	void steadyNeedThatDoesNotShowAgainKeepsTheSize() {
		start(4);
		step(new Load(200, 20));
		assertThat(step(new Load(80, 20)).direction()).isEqualTo(Direction.HOLD);
		assertThat(step(new Load(200, 20)).direction()).isEqualTo(Direction.HOLD);
		assertThat(this.size).isEqualTo(4);
	}

	@Test
	void growingQueueSurgesTowardTheOfferedLoadWithinAFewPolls() {
		start(4);
		step(new Load(100, 20));
		step(new Load(100, 20));
		// 600/s arrive, 4 connections serve 200/s: the queue grows by 8 every 20 ms
		SizingDecision decision = null;
		int polls = 0;
		for (int pending = 8; decision == null || decision.direction() == Direction.HOLD; pending += 8) {
			decision = step(new Load(200, 20).arrived(600).pending(pending).millis(20));
			polls++;
		}
		assertThat(polls).isLessThanOrEqualTo(4);
		assertThat(decision.state()).isEqualTo(SizingState.SURGING);
		// 600/s x 20 ms = 12 + sqrt(12) = 15.5 -> 16
		assertThat(decision.maximumPoolSize()).isEqualTo(16);
		assertThat(decision.reason()).startsWith("callers queue; ").endsWith("needs 16");
	}

	@Test
	void burstThatArrivedAtOnceIsNotASurge() {
		start(2);
		step(new Load(1, 20));
		// 50 callers arrive in one instant, then none: the queue only shrinks
		step(new Load(0, 20).arrived(50).pending(48).millis(20));
		for (int pending = 46; pending > 0; pending -= 2) {
			SizingDecision decision = step(new Load(100, 20).arrived(0).pending(pending).millis(20));
			assertThat(decision.direction()).isEqualTo(Direction.HOLD);
		}
		assertThat(this.size).isEqualTo(2);
	}

	@Test
	void surgeStepIsMeasuredOnlyOnceThePoolHasOpenedItsConnections() {
		surgeFromFourToSixteen();
		// HikariCP opens one connection at a time: 7 of 16 after 20 ms
		this.total = 7;
		SizingDecision opening = step(new Load(350, 20).arrived(600).pending(60).millis(20).openMillis(5));
		assertThat(opening.state()).isEqualTo(SizingState.SURGING);
		assertThat(opening.reason()).isEqualTo("opening connections one at a time: 7 of 16, 5.0 ms each");
		this.total = 16;
		SizingDecision measuring = step(new Load(800, 20).arrived(600).pending(50).millis(20));
		assertThat(measuring.reason()).isEqualTo("measuring the step from 4 to 16");
	}

	@Test
	void surgeStepOpenedSlowerThanCallersTimeOutIsStillJudgedOnceWhole() {
		surgeFromFourToSixteen();
		// a busy database opens one connection each half second, and callers time out
		// meanwhile: longer than the connection timeout, but no refusal
		this.total = 5;
		for (int sample = 0; sample < 11; sample++) {
			this.total++;
			SizingDecision opening = step(
					new Load(250, 20).arrived(600).pending(200).timeouts(20).millis(500).openMillis(500).opened(1));
			assertThat(opening.direction()).as("sample %d", sample).isEqualTo(Direction.HOLD);
			assertThat(opening.state()).isEqualTo(SizingState.SURGING);
		}
		assertThat(this.total).isEqualTo(16);
		SizingDecision measuring = step(new Load(800, 20).arrived(600).pending(50).millis(20));
		assertThat(measuring.reason()).isEqualTo("measuring the step from 4 to 16");
	}

	@Test
	void surgeStepTheDatabaseStopsOpeningBacksOffToWhatThePoolHolds() {
		surgeFromFourToSixteen();
		this.total = 7;
		for (int sample = 0; sample < 4; sample++) {
			assertThat(step(new Load(350, 20).arrived(600).pending(200).timeouts(20).millis(100)).direction())
				.as("sample %d", sample)
				.isEqualTo(Direction.HOLD);
		}
		SizingDecision refused = step(new Load(350, 20).arrived(600).pending(200).timeouts(20).millis(100));
		assertThat(refused.direction()).isEqualTo(Direction.SHRINK);
		assertThat(refused.maximumPoolSize()).isEqualTo(7);
		assertThat(refused.state()).isEqualTo(SizingState.STARVED);
	}

	@Test
	void surgeStepThatServedTheQueueReturnsToSteady() {
		surgeFromFourToSixteen();
		SizingDecision decision = step(new Load(600, 20).millis(20));
		assertThat(decision.state()).isEqualTo(SizingState.STEADY);
		assertThat(this.size).isEqualTo(16);
	}

	@Test
	void surgeStepThatMadeTransactionsSlowerWithoutServingMoreIsSaturationAndGoesBack() {
		surgeFromFourToSixteen();
		// at 16 the same 200/s are served, each held four times as long, and the queue
		// keeps growing
		SizingDecision decision = null;
		for (int pending = 70; decision == null || decision.direction() == Direction.HOLD; pending += 8) {
			decision = step(new Load(200, 80).arrived(600).pending(pending).millis(20));
		}
		assertThat(decision.direction()).isEqualTo(Direction.SHRINK);
		assertThat(decision.state()).isEqualTo(SizingState.SATURATED);
		assertThat(decision.maximumPoolSize()).isEqualTo(4);
		assertThat(decision.reason()).startsWith("the database is saturated: at 16 connections the mean hold time "
				+ "changed +300% (20.0 -> 80.0 ms) and throughput +0% (200.0 -> 200.0/s) against 4; back to 4");
		assertThat(this.policy.saturationCeiling()).isEqualTo(4);
		assertThat(decision.demand()).isEqualTo(4);
	}

	@Test
	void saturatedPoolWhoseCallersStillQueueProbesASmallerSize() {
		saturateAtEight();
		SizingDecision probe = queueAtEight(new Load(400, 20));
		assertThat(probe.direction()).isEqualTo(Direction.SHRINK);
		assertThat(probe.state()).isEqualTo(SizingState.PROBING);
		assertThat(probe.maximumPoolSize()).isEqualTo(6);
		assertThat(probe.reason()).isEqualTo(
				"the database is saturated and callers wait; trying 6 connections to see whether fewer serve as much");
	}

	@Test
	void probedSizeThatServesAsMuchWithShorterHoldsIsKept() {
		saturateAtEight();
		queueAtEight(new Load(400, 20));
		// 6 connections serve the same 400/s in 15 ms each
		SizingDecision decision = queueUntilJudged(new Load(400, 15));
		assertThat(decision.state()).isEqualTo(SizingState.SATURATED);
		assertThat(this.size).isLessThanOrEqualTo(6);
		assertThat(this.policy.saturationCeiling()).isLessThanOrEqualTo(6);
	}

	@Test
	void probedSizeThatServesLessIsUndone() {
		saturateAtEight();
		queueAtEight(new Load(400, 20));
		SizingDecision decision = queueUntilJudged(new Load(300, 20));
		assertThat(decision.direction()).isEqualTo(Direction.GROW);
		assertThat(decision.maximumPoolSize()).isEqualTo(8);
		assertThat(decision.state()).isEqualTo(SizingState.SATURATED);
		assertThat(decision.reason()).startsWith("fewer connections served less: at 6 connections");
	}

	@Test
	void callersWaitingWhileThePoolCannotOpenConnectionsNeverGrowItAndBackOffOnTimeouts() {
		start(10);
		this.total = 4;
		SizingDecision waiting = step(new Load(100, 20).pending(30));
		assertThat(waiting.state()).isEqualTo(SizingState.STARVED);
		assertThat(waiting.direction()).isEqualTo(Direction.HOLD);
		assertThat(waiting.reason())
			.isEqualTo("callers waited while the pool had 4 of its 10 connections: opening connections is the limit, "
					+ "not the size");
		SizingDecision backOff = step(new Load(100, 20).pending(30).timeouts(5));
		assertThat(backOff.direction()).isEqualTo(Direction.SHRINK);
		assertThat(backOff.maximumPoolSize()).isEqualTo(4);
		assertThat(backOff.reason()).isEqualTo("callers waited while the pool could open only 4 of its 10 connections "
				+ "and some timed out: the database refuses more; backing off to 4");
	}

	@Test
	void poolBackedOffForARefusalAsksForMoreOnlyAfterTheShrinkDelay() {
		start(10);
		this.total = 4;
		assertThat(step(new Load(100, 20).pending(30).timeouts(5)).maximumPoolSize()).isEqualTo(4);
		// the pool holds the 4 it may, and its callers keep queueing: asking the
		// database for more would be refused again
		for (int sample = 0; sample < 28; sample++) {
			SizingDecision held = step(new Load(200, 20).pending(8));
			assertThat(held.direction()).as("sample %d", sample).isEqualTo(Direction.HOLD);
			assertThat(held.maximumPoolSize()).isEqualTo(4);
		}
		assertThat(step(new Load(200, 20).pending(8)).reason())
			.matches("needs \\d+ but the database refused more than 4 connections; asking again in 1 s");
		SizingDecision again = step(new Load(200, 20).pending(8));
		assertThat(again.direction()).isEqualTo(Direction.GROW);
		assertThat(again.maximumPoolSize()).isGreaterThan(4);
	}

	@Test
	void timeoutsWhileThePoolStillOpensConnectionsAreNoRefusal() {
		start(10);
		this.total = 4;
		// a database too busy to serve every caller in time, but still accepting
		// connections: callers time out while the pool opens one every 200 ms
		for (int sample = 0; sample < 10; sample++) {
			SizingDecision opening = step(new Load(100, 20).pending(30).timeouts(5).millis(100).opened(sample % 2));
			assertThat(opening.direction()).as("sample %d", sample).isEqualTo(Direction.HOLD);
			assertThat(opening.state()).isEqualTo(SizingState.STARVED);
			this.total += sample % 2;
		}
		assertThat(this.size).isEqualTo(10);
		// once it opens nothing more for half a second, the timeouts mean a refusal
		for (int sample = 0; sample < 4; sample++) {
			assertThat(step(new Load(100, 20).pending(30).timeouts(5).millis(100)).direction())
				.isEqualTo(Direction.HOLD);
		}
		SizingDecision refused = step(new Load(100, 20).pending(30).timeouts(5).millis(100));
		assertThat(refused.direction()).isEqualTo(Direction.SHRINK);
		assertThat(refused.maximumPoolSize()).isEqualTo(9);
	}

	@Test
	void starvedPoolReturnsToSteadyOnceItIsWhole() {
		start(10);
		this.total = 4;
		step(new Load(100, 20).pending(30).timeouts(5));
		this.total = this.size;
		assertThat(step(new Load(100, 20)).state()).isEqualTo(SizingState.STEADY);
	}

	@Test
	void lowLoadShrinksAfterTheShrinkDelayInHalvingStepsDownToMinSize() {
		start(16);
		for (int second = 1; second < 30; second++) {
			assertThat(step(new Load(20, 20)).direction()).as("second %d", second).isEqualTo(Direction.HOLD);
		}
		SizingDecision first = step(new Load(20, 20));
		assertThat(first.direction()).isEqualTo(Direction.SHRINK);
		assertThat(first.maximumPoolSize()).isEqualTo(8);
		assertThat(first.reason()).startsWith("needed at most 2 in the last 30 s; now offered 20.0/s");
		for (int second = 0; second < 20; second++) {
			step(new Load(20, 20));
		}
		assertThat(this.size).isEqualTo(2);
	}

	@Test
	void poolAboveTheBudgetShrinksAtOnceAndGrowthStopsAtIt() {
		start(10);
		SizingDecision decision = step(new Load(100, 20).budget(6));
		assertThat(decision.direction()).isEqualTo(Direction.SHRINK);
		assertThat(decision.maximumPoolSize()).isEqualTo(6);
		assertThat(decision.reason()).isEqualTo("above the database's connection budget of 6");
		step(new Load(600, 20).budget(6));
		SizingDecision capped = step(new Load(600, 20).budget(6));
		assertThat(capped.maximumPoolSize()).isEqualTo(6);
		assertThat(capped.reason()).isEqualTo("needs 17 but the database's connection budget of 6 is reached");
		// the fleet reads what the pool would want without the budget
		assertThat(capped.demand()).isEqualTo(17);
	}

	@Test
	void withoutMaxSizeOrBudgetThePoolNeverGrowsBeyondItsStartingSize() {
		this.policy = new SizingPolicy(new SizingSettings(SizingMode.AUTO, 2, null, Duration.ofSeconds(1),
				Duration.ofSeconds(3), Duration.ofSeconds(30), 0.9, 1.0, 0.2, Duration.ofMinutes(5)));
		start(5);
		step(new Load(600, 20));
		SizingDecision decision = step(new Load(600, 20));
		assertThat(decision.maximumPoolSize()).isEqualTo(5);
		assertThat(decision.reason())
			.endsWith("the size the pool started with (5; set poolpilot.sizing.max-size to let it grow) is reached");
	}

	@Test
	void poolBelowMinSizeGrowsToIt() {
		start(1);
		SizingDecision decision = step(new Load(1, 20));
		assertThat(decision.maximumPoolSize()).isEqualTo(2);
		assertThat(decision.reason()).isEqualTo("below poolpilot.sizing.min-size of 2");
	}

	@Test
	void connectionsHeldAcrossRemoteCallsAreNotFed() {
		start(4);
		Load load = new Load(200, 20).remoteShare(0.75);
		step(load);
		SizingDecision decision = step(load);
		assertThat(decision.direction()).isEqualTo(Direction.HOLD);
		assertThat(decision.reason())
			.isEqualTo("not growing to 7: 75% of the hold time was spent idle across remote calls");
	}

	@Test
	void growthStepThePoolDidNotTakeIsNotCompounded() {
		start(4);
		step(new Load(100, 20));
		SizingDecision grown = null;
		for (int pending = 8; grown == null || grown.direction() == Direction.HOLD; pending += 8) {
			grown = step(new Load(200, 20).arrived(600).pending(pending).millis(20));
		}
		// recommend mode: the pool keeps 4 connections and its queue keeps growing
		this.size = 4;
		for (int pending = 60; pending < 200; pending += 8) {
			SizingDecision decision = this.policy
				.decide(sample(new Load(200, 20).arrived(600).pending(pending).millis(20)));
			assertThat(decision.maximumPoolSize()).isEqualTo(grown.maximumPoolSize());
			assertThat(decision.direction()).isEqualTo(Direction.HOLD);
		}
	}

	@Test
	void elasticPoolKeepsItsMinimumIdle() {
		this.minimum = 2;
		this.size = 4;
		this.total = 4;
		step(new Load(200, 20));
		SizingDecision decision = step(new Load(200, 20));
		assertThat(decision.maximumPoolSize()).isEqualTo(7);
		assertThat(decision.minimumIdle()).isEqualTo(2);
	}

	private void surgeFromFourToSixteen() {
		start(4);
		step(new Load(100, 20));
		SizingDecision decision = null;
		for (int pending = 8; decision == null || decision.direction() == Direction.HOLD; pending += 8) {
			decision = step(new Load(200, 20).arrived(600).pending(pending).millis(20));
		}
		assertThat(decision.maximumPoolSize()).isEqualTo(16);
	}

	/*
	 * Start at 4 and surge to 16 on a database that serves no more at 16 than at 8.
	 */
	private void saturateAtEight() {
		start(8);
		step(new Load(100, 20));
		SizingDecision decision = null;
		for (int pending = 8; decision == null || decision.direction() == Direction.HOLD; pending += 8) {
			decision = step(new Load(400, 20).arrived(600).pending(pending).millis(20));
		}
		int grown = decision.maximumPoolSize();
		assertThat(grown).isGreaterThan(8);
		for (int pending = 100; decision.direction() != Direction.SHRINK; pending += 4) {
			decision = step(new Load(400, 20.0 * grown / 8).arrived(600).pending(pending).millis(20));
		}
		assertThat(decision.state()).isEqualTo(SizingState.SATURATED);
		assertThat(this.size).isEqualTo(8);
	}

	private SizingDecision queueAtEight(Load load) {
		SizingDecision decision = null;
		for (int pending = 200; decision == null || decision.direction() == Direction.HOLD; pending += 4) {
			decision = step(load.arrived(600).pending(pending).millis(20));
		}
		return decision;
	}

	private SizingDecision queueUntilJudged(Load load) {
		SizingDecision decision = null;
		for (int i = 0, pending = 300; i < 500; i++, pending += 4) {
			decision = step(load.arrived(600).pending(pending).millis(20));
			if (decision.state() != SizingState.PROBING) {
				return decision;
			}
		}
		return decision;
	}

	private void start(int size) {
		this.size = size;
		this.minimum = size;
		this.total = size;
	}

	private SizingDecision step(Load load) {
		SizingDecision decision = this.policy.decide(sample(load));
		boolean grew = decision.maximumPoolSize() > this.size;
		this.size = decision.maximumPoolSize();
		this.minimum = decision.minimumIdle();
		// a pool that grows opens its connections during the next sample unless a test
		// says otherwise; one that shrinks retires them
		this.total = grew ? this.total : Math.min(this.total, this.size);
		if (grew) {
			this.total = this.size;
		}
		return decision;
	}

	private PoolSample sample(Load load) {
		long nanos = load.millis * 1_000_000L;
		long served = Math.round(load.rate * load.millis / 1000);
		long arrived = (load.arrived != null) ? Math.round(load.arrived * load.millis / 1000) : served;
		long hold = (long) (load.hold * 1e6);
		int active = Math.min(this.total,
				(load.pending > 0) ? this.total : (int) Math.ceil(load.rate * load.hold / 1000));
		long remote = (long) (served * hold * load.remoteShare);
		long waited = (load.pending > 0) ? nanos * load.pending / 2 : 0;
		return new PoolSample(nanos, served, waited, load.timeouts, served, served * hold, (long) (hold * 1.1), remote,
				active, this.total - active, load.pending, this.size, this.minimum, 5_000_000_000L,
				load.openMillis * 1_000_000L, load.opened, load.budget);
	}

	/**
	 * What one sample measures: the served rate and hold time, and what a test adds.
	 */
	private static final class Load {

		private final double rate;

		private final double hold;

		private @Nullable Double arrived;

		private int pending;

		private long timeouts;

		private long millis = 1000;

		private long openMillis;

		private long opened;

		private double remoteShare;

		private @Nullable Integer budget;

		Load(double rate, double hold) {
			this.rate = rate;
			this.hold = hold;
		}

		Load arrived(double rate) {
			this.arrived = rate;
			return this;
		}

		Load pending(int pending) {
			this.pending = pending;
			return this;
		}

		Load timeouts(long timeouts) {
			this.timeouts = timeouts;
			return this;
		}

		Load millis(long millis) {
			this.millis = millis;
			return this;
		}

		Load openMillis(long openMillis) {
			this.openMillis = openMillis;
			return this;
		}

		Load opened(long opened) {
			this.opened = opened;
			return this;
		}

		Load remoteShare(double share) {
			this.remoteShare = share;
			return this;
		}

		Load budget(int budget) {
			this.budget = budget;
			return this;
		}

	}

}
