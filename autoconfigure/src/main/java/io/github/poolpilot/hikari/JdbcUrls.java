package io.github.poolpilot.hikari;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Removes credentials from JDBC URLs and from any text that may quote one, such as a
 * driver's exception message. HikariCP masks only {@code ?password=}; this also covers
 * {@code ;password=} (SQL Server, H2, Derby) and the {@code user:secret@host} authority
 * form (MySQL, MariaDB, Oracle thin, PostgreSQL connection URIs).
 *
 * @author Pool Pilot contributors
 */
public final class JdbcUrls {

	static final String MASK = "****";

	// key=value pairs whose key names a secret, after ?, & or ; (case-insensitive, any
	// value up to a separator)
	private static final Pattern SECRET_PARAMETER = Pattern.compile(
			"(?i)([?&;:]\\s*(?:password|pwd|passwd|secret|sslpassword|sslkeypassword|token|accesskey|secretkey)\\s*=)([^&;\\s)\"']*)");

	// scheme://user:secret@host, also jdbc:oracle:thin:user/secret@host
	private static final Pattern AUTHORITY_SECRET = Pattern.compile("(//[^/@:\\s\"']*:)([^@/\\s\"']*)(@)");

	private static final Pattern ORACLE_SECRET = Pattern
		.compile("(?i)(jdbc:oracle:[a-z]+:[^/@:\\s\"']+/)([^@\\s\"']*)(@)");

	private JdbcUrls() {
	}

	/**
	 * Return the given text with every credential in a JDBC URL masked, and with the
	 * given password masked wherever it appears verbatim.
	 * @param text the text to clean, may be {@code null}
	 * @param password a password known to the caller, or {@code null}
	 * @return the cleaned text, or an empty string for {@code null}
	 */
	public static String mask(@Nullable String text, @Nullable String password) {
		if (text == null) {
			return "";
		}
		String masked = replace(SECRET_PARAMETER, text);
		masked = replace(AUTHORITY_SECRET, masked);
		masked = replace(ORACLE_SECRET, masked);
		if (password != null && password.length() >= 3) {
			masked = masked.replace(password, MASK);
		}
		return masked;
	}

	/**
	 * Return the given text with every credential in a JDBC URL masked.
	 * @param text the text to clean, may be {@code null}
	 * @return the cleaned text
	 */
	public static String mask(@Nullable String text) {
		return mask(text, null);
	}

	private static String replace(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		do {
			String tail = (matcher.groupCount() >= 3) ? matcher.group(3) : "";
			matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + MASK + tail));
		}
		while (matcher.find());
		matcher.appendTail(out);
		return out.toString();
	}

}
