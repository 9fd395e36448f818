package io.github.poolpilot.sizing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PoolSampleTests {

	@Test
	void littlesLawGivesBusyConnections() {
		// 100 acquisitions in 0.5 s = 200/s; x 25 ms at the percentile = 5
		PoolSample sample = sample(500_000_000L, 100, 0, 0, 0, 25_000_000L, 0);
		assertThat(sample.acquireRate()).isCloseTo(200, within(1e-9));
		assertThat(sample.busyConnections()).isCloseTo(5, within(1e-9));
	}

	@Test
	void waitingCallersCountTimeoutsAtTheirFullTimeoutAndAtLeastThoseStillWaiting() {
		// 1.5 s of waits + 1 timeout of 5 s, over 2 s
		assertThat(sample(2_000_000_000L, 10, 1_500_000_000L, 1, 0, 0, 0).waitingCallers()).isCloseTo(3.25,
				within(1e-9));
		assertThat(sample(2_000_000_000L, 10, 0, 0, 7, 0, 0).waitingCallers()).isEqualTo(7);
	}

	@Test
	void remoteWaitShareIsAShareOfTheHoldTime() {
		assertThat(sample(1_000_000_000L, 10, 0, 0, 0, 0, 250_000_000L).remoteWaitShare()).isCloseTo(0.25,
				within(1e-9));
		assertThat(sample(1_000_000_000L, 10, 0, 0, 0, 0, 5_000_000_000L).remoteWaitShare()).isEqualTo(1);
	}

	private static PoolSample sample(long interval, long acquisitions, long waitNanos, long timeouts, int pending,
			long holdPercentile, long remote) {
		// every acquisition also released, 100 ms each
		return new PoolSample(interval, acquisitions, waitNanos, timeouts, acquisitions, acquisitions * 100_000_000L,
				holdPercentile, remote, 0, 0, pending, 10, 10, 5_000_000_000L, 0, 0, null);
	}

}
