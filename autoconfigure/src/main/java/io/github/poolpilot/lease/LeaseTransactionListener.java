package io.github.poolpilot.lease;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Names the transaction of a lease. A transaction manager borrows its connection before
 * it publishes the transaction's name, so the name is attached right after the
 * transaction began.
 *
 * @author Pool Pilot contributors
 */
public class LeaseTransactionListener implements TransactionExecutionListener {

	private final LeaseRegistry registry;

	/**
	 * Create a listener.
	 * @param registry the registry whose leases are named
	 */
	public LeaseTransactionListener(LeaseRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void afterBegin(TransactionExecution transaction, @Nullable Throwable beginFailure) {
		if (beginFailure == null && transaction.isNewTransaction()) {
			this.registry.transactionBegan(transaction.getTransactionName());
		}
	}

}
