package io.github.poolpilot.hikari;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InitialPoolSizeTests {

	@Test
	void expectedLoadSizesByLittlesLaw() {
		// 200/s x 20 ms = 4 busy connections; at 80% utilization that is 5
		InitialPoolSize size = InitialPoolSize.choose(settings(200.0, Duration.ofMillis(20), null), null);
		assertThat(size.size()).isEqualTo(5);
		assertThat(size.reason()).contains("Little's law").contains("200/s x 20 ms");
	}

	@Test
	void databaseCoresSizeByHikariFormula() {
		InitialPoolSize size = InitialPoolSize.choose(settings(null, null, 4), null);
		assertThat(size.size()).isEqualTo(9);
		assertThat(size.reason()).contains("4 database cores x 2 + 1");
	}

	@Test
	void withoutLoadOrCoresTheDefaultIsKept() {
		assertThat(InitialPoolSize.choose(settings(null, null, null), null).size()).isEqualTo(10);
	}

	@Test
	void sizeNeverExceedsTheDatabaseBudget() {
		InitialPoolSize size = InitialPoolSize.choose(settings(1000.0, Duration.ofMillis(100), null), 17);
		assertThat(size.size()).isEqualTo(17);
		assertThat(size.reason()).contains("capped at the database's connection budget of 17");
	}

	@Test
	void tinyLoadStillGetsOneConnection() {
		assertThat(InitialPoolSize.choose(settings(0.1, Duration.ofMillis(1), null), null).size()).isEqualTo(1);
	}

	private static TuningSettings settings(Double rate, Duration hold, Integer cores) {
		TuningSettings d = TuningSettings.DEFAULTS;
		return new TuningSettings(true, d.connectionTimeout(), d.keepaliveTime(), rate, hold, d.targetUtilization(),
				cores, false, d.inspectTimeout());
	}

}
