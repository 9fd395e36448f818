package io.github.poolpilot.benchmarks.scenario;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Just enough JSON writing for the results, so that the benchmarks need no JSON library.
 *
 * @author Pool Pilot contributors
 */
final class Json {

	private Json() {
	}

	/**
	 * Return an object from alternating names and values: strings, numbers, booleans,
	 * {@code null} or {@link Raw} JSON.
	 * @param namesAndValues the members
	 * @return the JSON text
	 */
	static String object(@Nullable Object... namesAndValues) {
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < namesAndValues.length; i += 2) {
			json.append((i > 0) ? ", " : "").append(string(String.valueOf(namesAndValues[i]))).append(": ");
			json.append(value(namesAndValues[i + 1]));
		}
		return json.append('}').toString();
	}

	/**
	 * Return an array of JSON texts.
	 * @param elements the elements, already JSON
	 * @return the JSON text
	 */
	static String array(List<String> elements) {
		return "[" + String.join(", ", elements) + "]";
	}

	/**
	 * Mark text as JSON already.
	 * @param json the text
	 * @return it, marked
	 */
	static Raw raw(String json) {
		return new Raw(json);
	}

	/**
	 * Return a JSON string.
	 * @param text the text
	 * @return the quoted, escaped text
	 */
	static String string(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				default -> json.append((c < 0x20) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
			}
		}
		return json.append('"').toString();
	}

	private static String value(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Raw raw) {
			return raw.json();
		}
		if (value instanceof Double number) {
			return (number.isNaN() || number.isInfinite()) ? "null" : String.format(Locale.ROOT, "%.3f", number);
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		return string(value.toString());
	}

	/**
	 * Text that is JSON already.
	 *
	 * @param json the text
	 */
	record Raw(String json) {
	}

}
