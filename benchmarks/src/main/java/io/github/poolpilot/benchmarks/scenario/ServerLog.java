package io.github.poolpilot.benchmarks.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the connections PostgreSQL refused from its log, written with
 * {@code log_line_prefix = '%m|%u|%a|'} and {@code log_timezone = 'UTC'}: each
 * {@code FATAL} that says the server or the role had no slot left.
 *
 * @author Pool Pilot contributors
 */
final class ServerLog {

	private static final String[] REFUSALS = { "too many connections for role", "too many connections for database",
			"remaining connection slots are reserved", "too many clients already" };

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS z",
			Locale.ROOT);

	private ServerLog() {
	}

	/**
	 * Read the refusals of a log file.
	 * @param log the file
	 * @return the refusals, oldest first
	 * @throws IOException if the file cannot be read
	 */
	static List<Refusal> refusals(Path log) throws IOException {
		return Files.exists(log) ? refusals(Files.readAllLines(log, StandardCharsets.UTF_8)) : List.of();
	}

	/**
	 * Read the refusals of a log's lines.
	 * @param lines the lines
	 * @return the refusals, oldest first
	 */
	static List<Refusal> refusals(List<String> lines) {
		List<Refusal> refusals = new ArrayList<>();
		for (String line : lines) {
			String[] fields = line.split("\\|", 4);
			if (fields.length < 4 || !fields[3].startsWith("FATAL:")) {
				continue;
			}
			for (String refusal : REFUSALS) {
				if (fields[3].contains(refusal)) {
					try {
						long epochMillis = ZonedDateTime.parse(fields[0], TIMESTAMP).toInstant().toEpochMilli();
						refusals.add(new Refusal(epochMillis, fields[1], fields[2], refusal));
					}
					catch (DateTimeParseException ex) {
						// not a line of this prefix
					}
					break;
				}
			}
		}
		return refusals;
	}

	/**
	 * One connection the server refused.
	 *
	 * @param epochMillis when
	 * @param user the role that tried to connect ({@code [unknown]} if the server had not
	 * read it yet)
	 * @param applicationName the client's {@code application_name}, empty if not read yet
	 * @param reason which limit it hit
	 */
	record Refusal(long epochMillis, String user, String applicationName, String reason) {

	}

}
