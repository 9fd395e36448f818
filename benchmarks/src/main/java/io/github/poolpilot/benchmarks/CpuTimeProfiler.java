package io.github.poolpilot.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time the benchmark JVM spent per operation
 * ({@code cpu.time.norm}, in ns/op): the benchmark threads' work plus what it costs the
 * JVM (GC, and JIT until it settles). Unlike wall-clock throughput it is not inflated
 * when other processes take the CPU away, so on a shared machine it is the figure that
 * compares variants; on a dedicated machine with every core busy, throughput is the
 * cores' time divided by it.
 *
 * @author Pool Pilot contributors
 */
public final class CpuTimeProfiler implements InternalProfiler {

	/**
	 * The name of the result.
	 */
	public static final String RESULT = "cpu.time.norm";

	private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private long start;

	@Override
	public String getDescription() {
		return "Process CPU time per operation";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.start = this.os.getProcessCpuTime();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
			IterationResult result) {
		long cpu = this.os.getProcessCpuTime() - this.start;
		long operations = result.getMetadata().getAllOps();
		if (operations <= 0 || cpu <= 0) {
			return List.of();
		}
		return List.of(new ScalarResult(RESULT, (double) cpu / operations, "ns/op", AggregationPolicy.AVG));
	}

}
