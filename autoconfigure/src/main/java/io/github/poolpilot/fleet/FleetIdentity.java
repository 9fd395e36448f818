package io.github.poolpilot.fleet;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.github.poolpilot.hikari.JdbcUrls;
import org.jspecify.annotations.Nullable;

/**
 * Names a fleet and a replica, and the {@code application_name} that shows in
 * {@code pg_stat_activity} whose connections are whose: the fleet's name, a space and the
 * replica's id, within PostgreSQL's 63 bytes.
 *
 * @author Pool Pilot contributors
 */
public final class FleetIdentity {

	/**
	 * The most bytes PostgreSQL keeps of an {@code application_name}.
	 */
	public static final int MAX_APPLICATION_NAME = 63;

	private static final int MAX_REPLICA = 30;

	private FleetIdentity() {
	}

	/**
	 * Return a fleet's name: the application's name and the pool's, or, without the
	 * application's name, the pool's and a hash that no other service's pool shares.
	 * @param applicationName {@code spring.application.name}, or {@code null}
	 * @param poolName the pool's name
	 * @param jdbcUrl the pool's JDBC URL, or {@code null}
	 * @param username the pool's user, or {@code null}
	 * @param beanName the data source's bean name
	 * @return the fleet's name
	 */
	public static String fleetName(@Nullable String applicationName, String poolName, @Nullable String jdbcUrl,
			@Nullable String username, String beanName) {
		if (applicationName != null && !applicationName.isBlank()) {
			return applicationName + "/" + poolName;
		}
		String url = (jdbcUrl != null) ? JdbcUrls.mask(jdbcUrl) : "";
		return poolName + "#" + hash(url + "\u0000" + username + "\u0000" + beanName);
	}

	/**
	 * Return this process's replica id: its pid and host.
	 * @return the id
	 */
	public static String localReplica() {
		// "pid@host", without a DNS lookup
		return ManagementFactory.getRuntimeMXBean().getName();
	}

	/**
	 * Return the {@code application_name} of a replica's connections: the fleet's name
	 * (shortened when it must be), a space and the replica's id.
	 * @param fleet the fleet's name
	 * @param replica the replica's id
	 * @return at most {@link #MAX_APPLICATION_NAME} bytes
	 */
	public static String applicationName(String fleet, String replica) {
		String shortReplica = truncate(replica, MAX_REPLICA);
		int room = MAX_APPLICATION_NAME - shortReplica.getBytes(StandardCharsets.UTF_8).length - 1;
		String shortFleet = fleet;
		if (fleet.getBytes(StandardCharsets.UTF_8).length > room) {
			// a hash keeps two long fleet names apart once shortened
			String hash = hash(fleet).substring(0, 8);
			shortFleet = truncate(fleet, room - hash.length() - 1) + "~" + hash;
		}
		return shortFleet + " " + shortReplica;
	}

	/**
	 * Return the fleet part of an {@code application_name}.
	 * @param applicationName the name
	 * @return what comes before the last space
	 */
	static String fleetPart(String applicationName) {
		int space = applicationName.lastIndexOf(' ');
		return (space >= 0) ? applicationName.substring(0, space) : applicationName;
	}

	private static String truncate(String value, int bytes) {
		if (value.getBytes(StandardCharsets.UTF_8).length <= bytes) {
			return value;
		}
		StringBuilder result = new StringBuilder();
		int used = 0;
		for (int i = 0; i < value.length();) {
			int codePoint = value.codePointAt(i);
			int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (used + size > bytes) {
				break;
			}
			result.appendCodePoint(codePoint);
			used += size;
			i += Character.charCount(codePoint);
		}
		return result.toString();
	}

	private static String hash(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6).toLowerCase(Locale.ROOT);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
