package io.github.poolpilot.guard;

import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.lease.ThreadLeases;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Names the inner transaction of a nested acquisition. A transaction manager that begins
 * a new transaction ({@code REQUIRES_NEW}, a {@code TransactionTemplate} of its own)
 * while the thread holds a connection suspends the outer transaction, which unbinds the
 * outer connection from {@code TransactionSynchronizationManager}; the lease registry
 * still knows it. This listener notes the new transaction's name on the thread's leases
 * before the manager borrows its connection, so that {@link GuardedDataSource} can report
 * the borrow with both transactions. A thread that holds nothing costs one thread-local
 * read per transaction.
 *
 * @author Pool Pilot contributors
 */
public class NestedTransactionListener implements TransactionExecutionListener {

	private final LeaseRegistry registry;

	/**
	 * Create a listener.
	 * @param registry the registry that knows which connections the thread holds
	 */
	public NestedTransactionListener(LeaseRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void beforeBegin(TransactionExecution transaction) {
		ThreadLeases leases = this.registry.currentThread();
		if (leases != null && leases.count() > 0 && transaction.isNewTransaction()) {
			leases.beginningTransaction(transaction.getTransactionName());
		}
	}

	@Override
	public void afterBegin(TransactionExecution transaction, @Nullable Throwable beginFailure) {
		ThreadLeases leases = this.registry.currentThread();
		if (leases != null && leases.beginningTransaction() != null) {
			leases.beginningTransaction(null);
		}
	}

}
