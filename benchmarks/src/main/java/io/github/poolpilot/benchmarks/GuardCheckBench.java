package io.github.poolpilot.benchmarks;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.poolpilot.guard.ConnectionGuard;
import io.github.poolpilot.guard.RemoteCall;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transaction-scope guard's check, as every remote call pays it, in the three
 * situations a call can be in: no transaction on the thread; a transaction that has not
 * fetched a connection (lazy fetch); a transaction that holds a connection (a violation:
 * the guard walks the stack, records and, once per interval, logs). The guard comes from
 * a real Pool Pilot application on the stub driver.
 *
 * @author Pool Pilot contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class GuardCheckBench {

	/**
	 * The situation of the calling thread.
	 */
	@Param({ "no-transaction", "transaction-without-connection", "transaction-with-connection" })
	public String situation;

	private ConfigurableApplicationContext context;

	private ConnectionGuard guard;

	private DataSource dataSource;

	private final RemoteCall call = RemoteCall.http("POST", URI.create("http://ci.internal:8080/job/build"),
			"benchmark");

	@Setup(Level.Trial)
	public void start() {
		Map<String, Object> properties = new HashMap<>(Variant.poolPilotProperties());
		// one warning per call site for the whole run: the benchmark measures the check,
		// not the logger
		properties.put("poolpilot.guard.log-interval", "1h");
		this.context = PoolPilotApplication.start(properties, false);
		this.guard = this.context.getBean(ConnectionGuard.class);
		this.dataSource = this.context.getBean(DataSource.class);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

	@Benchmark
	public Object check(CallingThread thread) {
		return this.guard.check(this.call);
	}

	/**
	 * Sets the benchmark thread up in its situation: a transaction marked active on it,
	 * and a borrowed connection that it keeps.
	 */
	@State(Scope.Thread)
	public static class CallingThread {

		private Connection connection;

		@Setup(Level.Trial)
		public void enter(GuardCheckBench bench) throws SQLException {
			if (!bench.situation.equals("no-transaction")) {
				TransactionSynchronizationManager.setActualTransactionActive(true);
			}
			if (bench.situation.equals("transaction-with-connection")) {
				this.connection = bench.dataSource.getConnection();
			}
		}

		@TearDown(Level.Trial)
		public void leave() throws SQLException {
			if (this.connection != null) {
				this.connection.close();
			}
			TransactionSynchronizationManager.setActualTransactionActive(false);
		}

	}

}
