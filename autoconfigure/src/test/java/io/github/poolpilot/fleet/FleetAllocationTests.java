package io.github.poolpilot.fleet;

import java.util.List;
import java.util.Map;

import io.github.poolpilot.fleet.FleetAllocation.Claim;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FleetAllocationTests {

	@Test
	void replicasThatWantMoreThanTheBudgetSplitItEvenly() {
		Map<String, Integer> shares = FleetAllocation.split(22,
				List.of(claim("orders", "a", 30), claim("orders", "b", 30)));
		assertThat(shares).containsEntry(key("orders", "a"), 11).containsEntry(key("orders", "b"), 11);
	}

	@Test
	void aReplicaThatNeedsLittleGetsWhatItNeedsAndTheOthersSplitTheRest() {
		Map<String, Integer> shares = FleetAllocation.split(22,
				List.of(claim("orders", "a", 30), claim("orders", "b", 30), claim("orders", "small", 4)));
		assertThat(shares).containsEntry(key("orders", "small"), 4)
			.containsEntry(key("orders", "a"), 9)
			.containsEntry(key("orders", "b"), 9);
	}

	@Test
	void fleetsAreServedFairlyBeforeTheirReplicas() {
		// three replicas of orders do not outweigh one of billing
		Map<String, Integer> shares = FleetAllocation.split(20, List.of(claim("orders", "a", 30),
				claim("orders", "b", 30), claim("orders", "c", 30), claim("billing", "x", 30)));
		int orders = shares.get(key("orders", "a")) + shares.get(key("orders", "b")) + shares.get(key("orders", "c"));
		assertThat(orders).isEqualTo(10);
		assertThat(shares).containsEntry(key("billing", "x"), 10);
	}

	@Test
	void aFleetsCeilingCapsItAndTheRestGoesToTheOthers() {
		Map<String, Integer> shares = FleetAllocation.split(20,
				List.of(new Claim("orders", "a", 30, 4), claim("billing", "x", 30)));
		assertThat(shares).containsEntry(key("orders", "a"), 4).containsEntry(key("billing", "x"), 16);
	}

	@Test
	void connectionsHeldAboveTheDemandAreKeptWhileTheBudgetHasRoomForOneMoreReplica() {
		// two replicas need 6 each and still hold 9 and 8 until their shrink delay passes
		List<Claim> claims = List.of(new Claim("orders", "a", 6, 9, null), new Claim("orders", "b", 6, 8, null));
		Map<String, Integer> tight = FleetAllocation.split(19, claims);
		// 19 - 12 leaves 7, of which 6 stay free for a replica that joins
		assertThat(tight).containsEntry(key("orders", "a"), 7).containsEntry(key("orders", "b"), 6);
		Map<String, Integer> plenty = FleetAllocation.split(95, claims);
		assertThat(plenty).containsEntry(key("orders", "a"), 9).containsEntry(key("orders", "b"), 8);
		// a replica that joins asks for 10: the split of the needs is as before
		Map<String, Integer> joined = FleetAllocation.split(19,
				List.of(claims.get(0), claims.get(1), new Claim("orders", "c", 10, 1, null)));
		assertThat(joined).containsEntry(key("orders", "a"), 6)
			.containsEntry(key("orders", "b"), 6)
			.containsEntry(key("orders", "c"), 7);
	}

	@Test
	void connectionsHeldAboveTheDemandKeepRoomForOneMoreReplicaWithinTheFleetsCeiling() {
		// a role's connection limit of 12: room for a third replica of 4 is kept below it
		Map<String, Integer> shares = FleetAllocation.split(95, List.of(new Claim("orders", "a", 4, 12, 12),
				new Claim("orders", "b", 4, 12, 12), new Claim("billing", "x", 4, 12, null)));
		assertThat(shares).containsEntry(key("orders", "a"), 4)
			.containsEntry(key("orders", "b"), 4)
			.containsEntry(key("billing", "x"), 12);
		Map<String, Integer> roomier = FleetAllocation.split(95,
				List.of(new Claim("orders", "a", 4, 12, 14), new Claim("orders", "b", 4, 12, 14)));
		assertThat(roomier).containsEntry(key("orders", "a"), 5).containsEntry(key("orders", "b"), 5);
	}

	@Test
	void everyReplicaGetsOneConnectionEvenWhenTheBudgetIsShort() {
		Map<String, Integer> shares = FleetAllocation.split(2,
				List.of(claim("orders", "a", 30), claim("orders", "b", 30), claim("orders", "c", 30)));
		assertThat(shares.values()).containsOnly(1);
	}

	@Test
	void theSplitDependsOnlyOnItsInputs() {
		List<Claim> claims = List.of(claim("orders", "b", 30), claim("orders", "a", 30), claim("orders", "c", 30));
		List<Claim> reordered = List.of(claims.get(2), claims.get(0), claims.get(1));
		assertThat(FleetAllocation.split(22, claims)).isEqualTo(FleetAllocation.split(22, reordered));
		assertThat(FleetAllocation.split(22, claims).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(22);
	}

	private static Claim claim(String fleet, String replica, int demand) {
		return new Claim(fleet, replica, demand, null);
	}

	private static String key(String fleet, String replica) {
		return Claim.key(fleet, replica);
	}

}
