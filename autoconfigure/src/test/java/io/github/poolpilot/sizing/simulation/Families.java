package io.github.poolpilot.sizing.simulation;

import java.util.List;

/**
 * The simulated workload families. I/O-bound transactions are a 20 ms wait with 0.2 ms of
 * CPU, like the {@code pg_sleep(0.02)} of the PostgreSQL scenarios; the database has 2
 * cores, as the machine that runs them.
 *
 * @author Pool Pilot contributors
 */
final class Families {

	static final SimulatedDatabase POSTGRES = SimulatedDatabase.postgres();

	static final Workload SURGE_FROM_SHRUNK = new Workload("surge from a shrunk pool", 100,
			Workload.window(100, 600, 60, 85), Workload.constant(0.2), Workload.constant(20), POSTGRES, 10, 40, 60, 85);

	static final Workload RISE_AT_START = new Workload("rise at the starting size", 50,
			Workload.window(100, 600, 15, 40), Workload.constant(0.2), Workload.constant(20), POSTGRES, 10, 40, 15, 40);

	static final Workload STEP = new Workload("step 50 -> 200/s", 90, Workload.window(50, 200, 20, 60),
			Workload.constant(0.2), Workload.constant(20), POSTGRES, 10, 50, 20, 60);

	static final Workload RAMP = new Workload("ramp 50 -> 500/s", 70,
			(t) -> (t < 10) ? 50 : Math.min(500, 50 + (t - 10) * 15), Workload.constant(0.2), Workload.constant(20),
			POSTGRES, 10, 40, 10, 70);

	static final Workload SPIKE = new Workload("spike: 50 at once after idle", 60,
			(t) -> (t >= 40 && t < 40.001) ? 50_000 : 0.5, Workload.constant(0.2), Workload.constant(20), POSTGRES, 10,
			50, 40, 60);

	static final Workload DIURNAL = new Workload("diurnal 50..400/s", 120,
			(t) -> 225 - 175 * Math.cos(2 * Math.PI * t / 60), Workload.constant(0.2), Workload.constant(20), POSTGRES,
			10, 40, 0, 120);

	static final Workload SERVICE_DOUBLING = new Workload("service time doubles", 70, Workload.constant(300),
			Workload.constant(0.2), Workload.window(20, 40, 30, 70), POSTGRES, 10, 40, 30, 70);

	static final Workload DATABASE_SLOWDOWN = new Workload("database 2x slower for 20 s", 80, Workload.constant(300),
			Workload.constant(0.2), Workload.constant(20), POSTGRES.slowdown(Workload.window(1, 2, 30, 50)), 10, 40, 30,
			50);

	static final Workload CPU_ABOVE_CAPACITY = new Workload("CPU-bound above capacity", 90, Workload.constant(450),
			Workload.constant(4), Workload.constant(1), POSTGRES.contention(0.03), 10, 40, 30, 90);

	static final Workload MIXED = new Workload("mixed I/O and CPU", 80, Workload.window(100, 350, 20, 80),
			Workload.constant(2), Workload.constant(10), POSTGRES, 10, 40, 20, 80);

	static final Workload STEADY = new Workload("steady 200/s", 180, Workload.constant(200), Workload.constant(0.2),
			Workload.constant(20), POSTGRES, 10, 40, 60, 180);

	static final List<Workload> ALL = List.of(SURGE_FROM_SHRUNK, RISE_AT_START, STEP, RAMP, SPIKE, DIURNAL,
			SERVICE_DOUBLING, DATABASE_SLOWDOWN, CPU_ABOVE_CAPACITY, MIXED, STEADY);

	private Families() {
	}

}
