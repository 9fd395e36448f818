package io.github.poolpilot.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Application-like code for tests: a named transaction that uses the database, then holds
 * its connection until released. Lives outside Pool Pilot's runtime packages so that it
 * counts as an application frame.
 */
public final class ConnectionHolder {

	private final CountDownLatch holding = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final Thread thread;

	/**
	 * Start a thread that runs a transaction named {@code name} and holds its connection.
	 * @param transactionManager the transaction manager
	 * @param jdbcTemplate the template used inside the transaction
	 * @param name the transaction name
	 */
	public ConnectionHolder(PlatformTransactionManager transactionManager, JdbcTemplate jdbcTemplate, String name) {
		TransactionTemplate transaction = new TransactionTemplate(transactionManager);
		transaction.setName(name);
		this.thread = new Thread(() -> transaction.executeWithoutResult((status) -> holdConnection(jdbcTemplate)),
				"holder-" + name);
		this.thread.start();
	}

	private void holdConnection(JdbcTemplate jdbcTemplate) {
		jdbcTemplate.queryForObject("select 1", Integer.class);
		this.holding.countDown();
		try {
			this.release.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Wait until the transaction holds its connection and its thread is parked waiting to
	 * be released.
	 * @throws InterruptedException if interrupted
	 */
	public void awaitHolding() throws InterruptedException {
		if (!this.holding.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("transaction did not start");
		}
		await("the holding thread parks").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(1))
			.until(() -> this.thread.getState() == Thread.State.TIMED_WAITING);
	}

	/**
	 * Let the transaction commit and wait for its thread to end.
	 * @throws InterruptedException if interrupted
	 */
	public void release() throws InterruptedException {
		this.release.countDown();
		this.thread.join(10_000);
	}

}
