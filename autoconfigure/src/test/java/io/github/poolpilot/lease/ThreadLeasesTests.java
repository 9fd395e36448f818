package io.github.poolpilot.lease;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.DatabaseFacts;
import io.github.poolpilot.hikari.ManagedPool;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadLeasesTests {

	private final ManagedPool orders = new ManagedPool("orders", new HikariDataSource(), DatabaseFacts.UNKNOWN,
			List.of());

	private final ManagedPool audit = new ManagedPool("audit", new HikariDataSource(), DatabaseFacts.UNKNOWN,
			List.of());

	@Test
	void nestedLeasesAreReturnedLastInFirstOut() {
		ThreadLeases leases = new ThreadLeases(Thread.currentThread());
		leases.push(this.orders, 1, 0, "outer");
		leases.push(this.orders, 2, 0, "inner");
		assertThat(leases.pop(this.orders)).isEqualTo(2);
		assertThat(leases.count()).isEqualTo(1);
		assertThat(leases.transaction(0)).isEqualTo("outer");
		assertThat(leases.since(0)).isEqualTo(1);
	}

	@Test
	void returningAnOlderLeaseClosesTheGap() {
		ThreadLeases leases = new ThreadLeases(Thread.currentThread());
		leases.push(this.orders, 1, 0, "a");
		leases.push(this.audit, 2, 0, "b");
		leases.push(this.audit, 3, 0, "c");
		assertThat(leases.pop(this.orders)).isEqualTo(1);
		assertThat(leases.count()).isEqualTo(2);
		assertThat(leases.pool(0)).isSameAs(this.audit);
		assertThat(leases.transaction(0)).isEqualTo("b");
		assertThat(leases.transaction(1)).isEqualTo("c");
	}

	@Test
	void returningAConnectionNeverBorrowedIsRefused() {
		ThreadLeases leases = new ThreadLeases(Thread.currentThread());
		leases.push(this.orders, 1, 0, null);
		assertThat(leases.pop(this.audit)).isEqualTo(ThreadLeases.NONE);
		assertThat(leases.count()).isEqualTo(1);
	}

	@Test
	void manyLeasesGrowTheArrays() {
		ThreadLeases leases = new ThreadLeases(Thread.currentThread());
		for (int i = 0; i < 20; i++) {
			leases.push(this.orders, i, 0, "t" + i);
		}
		assertThat(leases.count()).isEqualTo(20);
		assertThat(leases.transaction(19)).isEqualTo("t19");
	}

	@Test
	void theLatestBorrowsWaitIsKept() {
		ThreadLeases leases = new ThreadLeases(Thread.currentThread());
		leases.push(this.orders, 1, 700, null);
		leases.push(this.audit, 2, 900, null);
		assertThat(leases.lastWaitNanos()).isEqualTo(900);
	}

	@Test
	void transactionIsNamedOnlyWhenUnnamed() {
		ThreadLeases leases = new ThreadLeases(Thread.currentThread());
		leases.push(this.orders, 1, 0, null);
		leases.nameTransaction("first");
		leases.nameTransaction("second");
		assertThat(leases.transaction(0)).isEqualTo("first");
	}

}
