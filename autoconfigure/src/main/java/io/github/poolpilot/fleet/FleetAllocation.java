package io.github.poolpilot.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Splits a database's connection budget among the replicas that share it, max-min fair by
 * demand: first across fleets, then across the replicas of each fleet. A fleet or replica
 * that needs less than an even split gets what it needs and the others split the rest;
 * every replica gets at least one connection. Connections a replica holds above its
 * demand (idle ones its pool keeps until its shrink delay has passed) are kept only from
 * what is left once every demand is met and room is kept for one more replica's demand,
 * so that a replica that joins finds its share free rather than held idle by the others.
 * The split depends only on its inputs and breaks ties by name, so every replica computes
 * the same split from the same rows.
 *
 * @author Pool Pilot contributors
 */
public final class FleetAllocation {

	private FleetAllocation() {
	}

	/**
	 * Split a budget.
	 * @param budget the connections the replicas may hold together
	 * @param members the live replicas of every fleet
	 * @return each replica's fair share, by {@link Claim#key()}
	 */
	public static Map<String, Integer> split(int budget, List<Claim> members) {
		Map<String, List<Claim>> fleets = new TreeMap<>();
		for (Claim member : members) {
			fleets.computeIfAbsent(member.fleet(), (name) -> new ArrayList<>()).add(member);
		}
		Map<String, Integer> fleetDemands = new LinkedHashMap<>();
		for (Map.Entry<String, List<Claim>> fleet : fleets.entrySet()) {
			long demand = 0;
			int ceiling = Integer.MAX_VALUE;
			for (Claim member : fleet.getValue()) {
				demand += Math.max(1, member.demand());
				if (member.ceiling() != null) {
					ceiling = Math.min(ceiling, member.ceiling());
				}
			}
			fleetDemands.put(fleet.getKey(), (int) Math.min(ceiling, demand));
		}
		Map<String, Integer> fleetShares = fill(Math.max(0, budget), fleetDemands);
		atLeastOneEach(fleets, fleetShares);
		Map<String, Integer> shares = new TreeMap<>();
		for (Map.Entry<String, List<Claim>> fleet : fleets.entrySet()) {
			// within a fleet, every replica gets its one connection first
			Map<String, Integer> demands = new LinkedHashMap<>();
			for (Claim member : fleet.getValue()) {
				demands.put(member.key(), Math.max(0, member.demand() - 1));
			}
			int left = Math.max(0, fleetShares.get(fleet.getKey()) - fleet.getValue().size());
			fill(left, demands).forEach((key, share) -> shares.put(key, share + 1));
		}
		keepHeld(budget, members, fleets, shares);
		return shares;
	}

	/**
	 * Add to the shares the connections replicas hold above them, from the budget left
	 * once room is kept for one more replica's demand (the mean demand), fairly across
	 * fleets and then across replicas, and within a fleet's ceiling.
	 * @param budget the budget
	 * @param members the live replicas
	 * @param fleets the replicas of each fleet
	 * @param shares each replica's share by demand, changed in place
	 */
	private static void keepHeld(int budget, List<Claim> members, Map<String, List<Claim>> fleets,
			Map<String, Integer> shares) {
		long demands = 0;
		int granted = 0;
		for (Claim member : members) {
			demands += Math.max(1, member.demand());
			granted += shares.get(member.key());
		}
		// the room is kept within a fleet's ceiling as well: a replica that joins is most
		// likely one more of the same service
		int room = (int) Math.ceil((double) demands / members.size());
		int left = budget - granted - room;
		if (left <= 0) {
			return;
		}
		Map<String, Integer> fleetExtras = new LinkedHashMap<>();
		Map<String, Map<String, Integer>> extras = new TreeMap<>();
		for (Map.Entry<String, List<Claim>> fleet : fleets.entrySet()) {
			Map<String, Integer> above = new LinkedHashMap<>();
			int total = 0;
			int fleetShare = 0;
			int ceiling = Integer.MAX_VALUE;
			for (Claim member : fleet.getValue()) {
				int share = shares.get(member.key());
				int extra = Math.max(0, member.held() - share);
				above.put(member.key(), extra);
				total += extra;
				fleetShare += share;
				if (member.ceiling() != null) {
					ceiling = Math.min(ceiling, member.ceiling());
				}
			}
			extras.put(fleet.getKey(), above);
			int below = (ceiling == Integer.MAX_VALUE) ? Integer.MAX_VALUE : ceiling - fleetShare - room;
			fleetExtras.put(fleet.getKey(), Math.max(0, Math.min(total, below)));
		}
		fill(left, fleetExtras).forEach((fleet, extra) -> fill(extra, extras.get(fleet))
			.forEach((key, kept) -> shares.merge(key, kept, Integer::sum)));
	}

	/**
	 * Raise every fleet to one connection per replica, taken from the fleets with the
	 * most above their own minimum.
	 * @param fleets the replicas of each fleet
	 * @param shares each fleet's share, changed in place
	 */
	private static void atLeastOneEach(Map<String, List<Claim>> fleets, Map<String, Integer> shares) {
		int deficit = 0;
		for (Map.Entry<String, List<Claim>> fleet : fleets.entrySet()) {
			int minimum = fleet.getValue().size();
			int share = shares.get(fleet.getKey());
			if (share < minimum) {
				deficit += minimum - share;
				shares.put(fleet.getKey(), minimum);
			}
		}
		while (deficit > 0) {
			String richest = null;
			int most = 0;
			for (Map.Entry<String, List<Claim>> fleet : fleets.entrySet()) {
				int above = shares.get(fleet.getKey()) - fleet.getValue().size();
				if (above > most) {
					richest = fleet.getKey();
					most = above;
				}
			}
			if (richest == null) {
				return;
			}
			shares.merge(richest, -1, Integer::sum);
			deficit--;
		}
	}

	/**
	 * Water-filling: the smallest demands are met in full, the rest split evenly; the
	 * units an even split leaves over go one each to the first names.
	 * @param total the units to hand out
	 * @param demands the demand of each name
	 * @return the share of each name, never above its demand
	 */
	static Map<String, Integer> fill(int total, Map<String, Integer> demands) {
		List<Map.Entry<String, Integer>> order = new ArrayList<>(demands.entrySet());
		order.sort(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
		Map<String, Integer> shares = new TreeMap<>();
		int remaining = total;
		int count = order.size();
		for (Map.Entry<String, Integer> entry : order) {
			int share = Math.min(entry.getValue(), remaining / count--);
			shares.put(entry.getKey(), share);
			remaining -= share;
		}
		List<String> names = new ArrayList<>(shares.keySet());
		names.sort(Comparator.naturalOrder());
		for (String name : names) {
			if (remaining == 0) {
				break;
			}
			if (shares.get(name) < demands.get(name)) {
				shares.merge(name, 1, Integer::sum);
				remaining--;
			}
		}
		return shares;
	}

	/**
	 * What one replica asks of the budget.
	 *
	 * @param fleet the fleet's name
	 * @param replica the replica's id, unique within its fleet
	 * @param demand the connections its load needs
	 * @param held the connections it holds, kept above its demand while the budget has
	 * room
	 * @param ceiling the most connections its fleet may hold (a {@code CONNECTION LIMIT}
	 * on its role), or {@code null}
	 */
	public record Claim(String fleet, String replica, int demand, int held, @Nullable Integer ceiling) {

		/**
		 * Create a claim of a replica that holds no more than its demand.
		 * @param fleet the fleet's name
		 * @param replica the replica's id, unique within its fleet
		 * @param demand the connections its load needs
		 * @param ceiling the most connections its fleet may hold, or {@code null}
		 */
		public Claim(String fleet, String replica, int demand, @Nullable Integer ceiling) {
			this(fleet, replica, demand, demand, ceiling);
		}

		/**
		 * Return the key of this replica in a split.
		 * @return the fleet and replica
		 */
		public String key() {
			return key(this.fleet, this.replica);
		}

		/**
		 * Return the key of a replica in a split.
		 * @param fleet the fleet's name
		 * @param replica the replica's id
		 * @return the key
		 */
		public static String key(String fleet, String replica) {
			return fleet + '\u0000' + replica;
		}

	}

}
