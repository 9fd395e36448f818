package io.github.poolpilot.actuate;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.DatabaseFacts;
import io.github.poolpilot.hikari.ManagedPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PoolResizer}, on pools that have not started (HikariCP accepts the
 * same calls then).
 */
@ExtendWith(OutputCaptureExtension.class)
class PoolResizerTests {

	private final PoolResizer resizer = new PoolResizer();

	private final ManagedPool pool = pool(10, 4, 40);

	@Test
	void maximumAndMinimumAreChangedAndLogged(CapturedOutput output) {
		PoolChange change = this.resizer.change(this.pool, 20, 6, false);
		assertThat(change).isEqualTo(new PoolChange("orders", 10, 20, 4, 6, false));
		assertThat(this.pool.dataSource().getMaximumPoolSize()).isEqualTo(20);
		assertThat(this.pool.dataSource().getMinimumIdle()).isEqualTo(6);
		assertThat(output)
			.contains("orders - maximumPoolSize 10 -> 20, minimumIdle 4 -> 6 (through the pool endpoint)");
	}

	@Test
	void shrinkingKeepsTheMinimum() {
		PoolChange change = this.resizer.change(this.pool, 5, null, false);
		assertThat(change.maximumPoolSize()).isEqualTo(5);
		assertThat(change.minimumIdle()).isEqualTo(4);
	}

	@Test
	void softEvictOnAPoolThatHasNotStartedEvictsNothing() {
		assertThat(this.resizer.change(this.pool, null, null, true).softEvicted()).isFalse();
	}

	@Test
	void zeroMaximumIsRejected() {
		assertRejected(0, null, "orders - maximumPoolSize must be at least 1, not 0; nothing was changed");
	}

	@Test
	void negativeMinimumIsRejected() {
		assertRejected(null, -1, "orders - minimumIdle must not be negative, not -1; nothing was changed");
	}

	@Test
	void minimumAboveMaximumIsRejected() {
		assertRejected(8, 9, "orders - minimumIdle (9) must not be above maximumPoolSize (8); nothing was changed");
	}

	@Test
	void maximumBelowTheCurrentMinimumAsksForALowerMinimum() {
		assertRejected(3, null, "orders - minimumIdle (4) must not be above maximumPoolSize (3); "
				+ "send a lower minimumIdle as well; nothing was changed");
	}

	@Test
	void maximumAboveTheDatabaseBudgetIsRejected() {
		assertRejected(41, null, "orders - maximumPoolSize (41) is above the database's connection budget of 40");
	}

	@Test
	void emptyRequestIsRejected() {
		assertRejected(null, null, "orders - nothing to change");
	}

	@Test
	void anUnsetMinimumIsTheMaximum() {
		ManagedPool fixed = pool(10, -1, 40);
		assertThat(this.resizer.change(fixed, 12, null, false).previousMinimumIdle()).isEqualTo(10);
	}

	private void assertRejected(Integer max, Integer min, String message) {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.resizer.change(this.pool, max, min, false))
			.withMessageStartingWith(message)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(ex.getMessage()));
		assertThat(this.pool.dataSource().getMaximumPoolSize()).isEqualTo(10);
		assertThat(this.pool.dataSource().getMinimumIdle()).isEqualTo(4);
	}

	private static ManagedPool pool(int max, int min, int maxConnections) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("orders");
		dataSource.setMaximumPoolSize(max);
		if (min >= 0) {
			dataSource.setMinimumIdle(min);
		}
		DatabaseFacts facts = new DatabaseFacts("PostgreSQL", maxConnections, 0, 0, null, null, null);
		return new ManagedPool("dataSource", dataSource, facts, List.of());
	}

}
