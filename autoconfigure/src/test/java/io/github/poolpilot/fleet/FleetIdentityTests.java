package io.github.poolpilot.fleet;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FleetIdentityTests {

	@Test
	void aFleetIsNamedAfterTheApplicationAndThePool() {
		assertThat(FleetIdentity.fleetName("orders", "dataSource", "jdbc:postgresql://db/orders", "app", "dataSource"))
			.isEqualTo("orders/dataSource");
	}

	@Test
	void withoutAnApplicationNameTheNameHashesTheUrlTheUserAndTheBeanButNoPassword() {
		String one = FleetIdentity.fleetName(null, "dataSource", "jdbc:postgresql://app:secret@db/orders", "app",
				"dataSource");
		String other = FleetIdentity.fleetName(null, "dataSource", "jdbc:postgresql://app:secret@db/billing", "app",
				"dataSource");
		assertThat(one).startsWith("dataSource#").doesNotContain("secret").isNotEqualTo(other);
		assertThat(FleetIdentity.fleetName(null, "dataSource", "jdbc:postgresql://app:other@db/orders", "app",
				"dataSource"))
			.isEqualTo(one);
	}

	@Test
	void theApplicationNameFitsInPostgresqlsSixtyThreeBytesAndKeepsLongFleetsApart() {
		String fleet = "a-very-long-service-name-with-many-words-and-ünïcödé/primaryDataSource";
		String name = FleetIdentity.applicationName(fleet, "12345@a-host-name-that-is-rather-long.example.com");
		String other = FleetIdentity.applicationName(fleet.replace("primary", "replica"),
				"12345@a-host-name-that-is-rather-long.example.com");
		assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
		assertThat(name).isNotEqualTo(other);
		assertThat(FleetIdentity.applicationName("orders/dataSource", "7@host")).isEqualTo("orders/dataSource 7@host");
		assertThat(FleetIdentity.fleetPart("orders/dataSource 7@host")).isEqualTo("orders/dataSource");
	}

}
