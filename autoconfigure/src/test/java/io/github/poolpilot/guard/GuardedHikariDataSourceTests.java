package io.github.poolpilot.guard;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.lease.LeaseRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GuardedHikariDataSource}.
 */
class GuardedHikariDataSourceTests {

	@Test
	void everyPublicMethodOfThePoolIsPassedOn() {
		List<String> missing = new ArrayList<>();
		for (Class<?> type : List.of(HikariConfig.class, HikariDataSource.class)) {
			for (Method method : type.getDeclaredMethods()) {
				if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
					try {
						GuardedHikariDataSource.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
					}
					catch (NoSuchMethodException ex) {
						missing.add(type.getSimpleName() + "." + method.getName());
					}
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void settingsAndUnwrapReachThePool() throws Exception {
		HikariDataSource pool = new HikariDataSource();
		pool.setPoolName("billing");
		try (LeaseRegistry leases = new LeaseRegistry(Duration.ofMinutes(1), 10)) {
			ConnectionGuard guard = new ConnectionGuard(leases, GuardMode.WARN, new AllowList(List.of()),
					new GuardFindings(10, 10, Duration.ofMinutes(1)), List.of());
			GuardedHikariDataSource guarded = new GuardedHikariDataSource(pool, guard);
			guarded.setMaximumPoolSize(7);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(7);
			assertThat(guarded.getPoolName()).isEqualTo("billing");
			assertThat(guarded.unwrap(HikariDataSource.class)).isSameAs(guarded);
			assertThat(guarded.isWrapperFor(GuardedHikariDataSource.class)).isTrue();
			assertThat(guarded.getWrappedObject()).isSameAs(pool);
		}
	}

}
