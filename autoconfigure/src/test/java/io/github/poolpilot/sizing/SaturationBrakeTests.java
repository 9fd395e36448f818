package io.github.poolpilot.sizing;

import java.time.Duration;

import io.github.poolpilot.sizing.SaturationBrake.Verdict;
import io.github.poolpilot.sizing.SizeStep.Measured;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SaturationBrake}, with a saturation tolerance of 20% remembered for 5
 * minutes. Samples last 20 ms, as while the controller watches a queue.
 */
class SaturationBrakeTests {

	private static final long MILLIS = 1_000_000L;

	private static final long MEMORY = Duration.ofMinutes(5).toNanos();

	private final SaturationBrake brake = new SaturationBrake(
			new SizingSettings(SizingMode.AUTO, 2, 40, Duration.ofSeconds(1), Duration.ofSeconds(3),
					Duration.ofSeconds(30), 0.9, 1.0, 0.2, Duration.ofMinutes(5)));

	private final LoadWindow window = new LoadWindow(30_000 * MILLIS);

	private long at;

	private int pending = 60;

	@Test
	void growthStepIsJudgedOnlyOnceThePoolHoldsEveryConnection() {
		SizeStep step = start(4, 16, 200);
		assertThat(judge(step, sample(16, 7, 200, 20))).isEqualTo(Verdict.OPENING);
		assertThat(judge(step, sample(16, 16, 200, 20))).isEqualTo(Verdict.MEASURING);
	}

	@Test
	void growthStepThatMadeTransactionsSlowerWithoutServingMoreSetsTheCeilingAtTheSizeBefore() {
		SizeStep step = start(4, 16, 200);
		// the same 200/s, each held four times as long, and the queue keeps growing
		Verdict verdict = judgeUntilDone(step, 16, 200, 80);
		assertThat(verdict).isEqualTo(Verdict.SATURATED);
		assertThat(this.brake.step()).isNull();
		assertThat(this.brake.ceiling()).isEqualTo(4);
		assertThat(this.brake.caps(4)).isTrue();
		assertThat(this.brake.limit(40)).isEqualTo(4);
		// three mean hold times of 80 ms at least
		assertThat(step.wholeFor(this.at)).isGreaterThanOrEqualTo(240 * MILLIS);
	}

	@Test
	void growthStepThatServedMoreIsNotSaturation() {
		SizeStep step = start(4, 16, 200);
		assertThat(judgeUntilDone(step, 16, 600, 22)).isEqualTo(Verdict.NONE);
		assertThat(this.brake.ceiling()).isZero();
	}

	@Test
	void stepThatNobodyWaitsForIsDone() {
		SizeStep step = start(4, 16, 200);
		this.pending = 0;
		assertThat(judge(step, sample(16, 16, 600, 20))).isEqualTo(Verdict.NONE);
		assertThat(this.brake.step()).isNull();
	}

	@Test
	void growthStepThePoolDidNotTakeIsKeptWhileCallersQueue() {
		SizeStep step = start(4, 16, 200);
		assertThat(this.brake.judge(step, sample(4, 4, 200, 20), this.window.recent(0, 40), this.at, 16))
			.isEqualTo(Verdict.NOT_TAKEN);
		assertThat(this.brake.step()).isSameAs(step);
		assertThat(this.brake.judge(step, sample(8, 8, 200, 20), this.window.recent(0, 40), this.at, 16))
			.isEqualTo(Verdict.NONE);
		assertThat(this.brake.step()).isNull();
	}

	@Test
	void stepDownThatServesAsMuchWithShorterHoldsBecomesTheCeiling() {
		SizeStep step = start(8, 6, 400);
		assertThat(judgeUntilDone(step, 6, 400, 15)).isEqualTo(Verdict.SMALLER_SERVES);
		assertThat(this.brake.ceiling()).isEqualTo(6);
		assertThat(this.brake.mayProbe(6, 2)).isTrue();
		// a step down is measured for 50 mean hold times, at least a second
		assertThat(step.wholeFor(this.at)).isGreaterThanOrEqualTo(1000 * MILLIS);
	}

	@Test
	void stepDownThatServedLessIsUndoneAndProbingStops() {
		SizeStep step = start(8, 6, 400);
		assertThat(judgeUntilDone(step, 6, 300, 20)).isEqualTo(Verdict.SMALLER_SERVED_LESS);
		assertThat(this.brake.ceiling()).isEqualTo(8);
		assertThat(this.brake.mayProbe(8, 2)).isFalse();
	}

	@Test
	void stepDownThatDidNotMakeTransactionsFasterIsUndone() {
		SizeStep step = start(8, 6, 400);
		assertThat(judgeUntilDone(step, 6, 400, 21)).isEqualTo(Verdict.SMALLER_NOT_FASTER);
		assertThat(this.brake.ceiling()).isEqualTo(8);
	}

	@Test
	void stepDownThatServedLessOnlyWithinTheNoiseIsMeasuredLongerAndKept() {
		// 280 acquisitions before, 11% fewer after: two standard errors of the change
		// are 17% after a second, and still 13% after five
		SizeStep step = start(5, 4, 280);
		assertThat(judgeUntilDone(step, 4, 250, 16)).isEqualTo(Verdict.SMALLER_SERVES);
		assertThat(step.wholeFor(this.at)).isGreaterThanOrEqualTo(5000 * MILLIS);
		assertThat(this.brake.ceiling()).isEqualTo(4);
	}

	@Test
	void stepDownThatServedLessBeyondTheNoiseIsUndoneAfterItsSecond() {
		SizeStep step = start(2, 1, 130);
		assertThat(judgeUntilDone(step, 1, 50, 15)).isEqualTo(Verdict.SMALLER_SERVED_LESS);
		assertThat(step.wholeFor(this.at)).isLessThan(1100 * MILLIS);
	}

	@Test
	void ceilingIsForgottenAfterTheSaturationMemory() {
		judgeUntilDone(start(4, 16, 200), 16, 200, 80);
		this.brake.expire(this.at + MEMORY - 1);
		assertThat(this.brake.ceiling()).isEqualTo(4);
		this.brake.expire(this.at + MEMORY);
		assertThat(this.brake.ceiling()).isZero();
		assertThat(this.brake.limit(40)).isEqualTo(40);
	}

	@Test
	void aStepIsUnderWayWhileThePoolIsAtItsSize() {
		start(4, 16, 200);
		assertThat(this.brake.underWay(sample(16, 7, 200, 20))).isTrue();
		assertThat(this.brake.underWay(sample(8, 7, 200, 20))).isFalse();
		this.brake.start(new SizeStep(8, 6, 0, new Measured(), 0));
		assertThat(this.brake.underWay(sample(6, 5, 200, 20))).isTrue();
		this.brake.forget();
		assertThat(this.brake.underWay(sample(6, 5, 200, 20))).isFalse();
	}

	@Test
	void stepDownIsMeasuredForFiftyHoldTimesAndAtLeastASecond() {
		assertThat(SaturationBrake.probeNanos(sample(6, 6, 400, 20))).isEqualTo(1000 * MILLIS);
		assertThat(SaturationBrake.probeNanos(sample(6, 6, 400, 40))).isEqualTo(2000 * MILLIS);
	}

	private SizeStep start(int from, int to, long rateBefore) {
		Measured before = Measured.of(new PoolSample(1000 * MILLIS, rateBefore, 1000 * MILLIS * this.pending, 0,
				rateBefore, rateBefore * 20 * MILLIS, 22 * MILLIS, 0, from, 0, this.pending, from, from, 5000 * MILLIS,
				0, 0, null));
		SizeStep step = new SizeStep(from, to, this.at, before, 20 * MILLIS);
		this.brake.start(step);
		return step;
	}

	private Verdict judgeUntilDone(SizeStep step, int size, long rate, long holdMillis) {
		Verdict verdict = Verdict.MEASURING;
		for (int poll = 0; poll < 500 && (verdict == Verdict.MEASURING || verdict == Verdict.OPENING); poll++) {
			this.pending += 4;
			verdict = judge(step, sample(size, size, rate, holdMillis));
		}
		return verdict;
	}

	private Verdict judge(SizeStep step, PoolSample sample) {
		this.at += sample.intervalNanos();
		this.window.add(this.at, sample);
		return this.brake.judge(step, sample, this.window.recent(0, 40), this.at, step.to());
	}

	private PoolSample sample(int size, int total, long rate, long holdMillis) {
		long served = rate * 20 / 1000;
		long hold = holdMillis * MILLIS;
		return new PoolSample(20 * MILLIS, served, 20 * MILLIS * this.pending, 0, served, served * hold, hold * 11 / 10,
				0, total, 0, this.pending, size, size, 5000 * MILLIS, 0, 0, null);
	}

}
