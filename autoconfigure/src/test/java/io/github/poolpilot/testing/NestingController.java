package io.github.poolpilot.testing;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Request handling whose transaction borrows a second connection of the pool it holds one
 * of, with a new transaction: two requests at once hold their first connection before
 * either asks for a second, and so deadlock a pool of two.
 */
@RestController
public class NestingController {

	// both requests hold their first connection before either asks for a second
	private final CyclicBarrier bothHold = new CyclicBarrier(2);

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate outer;

	private final TransactionTemplate inner;

	public NestingController(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager) {
		this.jdbcTemplate = jdbcTemplate;
		this.outer = new TransactionTemplate(transactionManager);
		this.outer.setName("NestingController.build");
		this.inner = new TransactionTemplate(transactionManager);
		this.inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.inner.setName("NestingController.audit");
	}

	@GetMapping("/builds")
	public String build() {
		return this.outer.execute((status) -> {
			this.jdbcTemplate.queryForObject("select 1", Integer.class);
			awaitBoth();
			return this.inner.execute((audit) -> this.jdbcTemplate.queryForObject("select 2", String.class));
		});
	}

	private void awaitBoth() {
		try {
			this.bothHold.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
