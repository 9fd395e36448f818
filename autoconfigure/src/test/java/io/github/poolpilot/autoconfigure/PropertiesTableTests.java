package io.github.poolpilot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the properties table of {@code docs/configuration.md} in step with the
 * configuration metadata generated from the {@code @ConfigurationProperties} classes:
 * same {@code poolpilot.*} properties, same defaults.
 *
 * @author Pool Pilot contributors
 */
class PropertiesTableTests {

	private static final Pattern ROW = Pattern.compile("^\\| `(poolpilot\\.[a-z0-9.-]+)` \\| `?([^|`]*)`?\\s*\\|",
			Pattern.MULTILINE);

	@Test
	void tableListsEveryPropertyWithItsDefault() throws IOException {
		assertThat(table()).isEqualTo(metadata());
	}

	@Test
	void deprecatedPropertiesSayWhyAndTheTableSaysSo() throws IOException {
		String json = Files.readString(Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json"));
		List<Map<String, Object>> deprecated = JsonPath.read(json,
				"$.properties[?(@.deprecated == true && @.name =~ /poolpilot\\..*/)]");
		assertThat(deprecated).extracting((property) -> property.get("name")).contains("poolpilot.sizing.cooldown");
		String page = Files.readString(Path.of("..", "docs", "configuration.md"));
		for (Map<String, Object> property : deprecated) {
			String name = (String) property.get("name");
			assertThat(property.get("deprecation")).as(name)
				.asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsKey("reason");
			assertThat(page).as(name).containsPattern("\\| `" + Pattern.quote(name) + "` \\|[^\\n]*Deprecated");
		}
		Map<String, Object> cooldown = deprecated.stream()
			.filter((property) -> "poolpilot.sizing.cooldown".equals(property.get("name")))
			.findFirst()
			.orElseThrow();
		// the time between steps follows the measured hold and connection-open times
		assertThat(cooldown.get("deprecation")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("replacement", "poolpilot.sizing.shrink-delay");
	}

	private Map<String, String> table() throws IOException {
		String page = Files.readString(Path.of("..", "docs", "configuration.md"));
		int start = page.indexOf("\n## Properties");
		assertThat(start).as("'## Properties' section in docs/configuration.md").isNotNegative();
		int end = page.indexOf("\n## ", start + 1);
		String section = page.substring(start, (end != -1) ? end : page.length());
		Map<String, String> rows = new TreeMap<>();
		Matcher matcher = ROW.matcher(section);
		while (matcher.find()) {
			rows.put(matcher.group(1), matcher.group(2).trim());
		}
		return rows;
	}

	private Map<String, String> metadata() throws IOException {
		String json = Files.readString(Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json"));
		List<Map<String, Object>> properties = JsonPath.read(json, "$.properties[*]");
		Map<String, String> defaults = new TreeMap<>();
		for (Map<String, Object> property : properties) {
			Object value = property.get("defaultValue");
			String name = (String) property.get("name");
			if (name.startsWith("poolpilot.")) {
				defaults.put(name, (value != null) ? value.toString() : "");
			}
		}
		return defaults;
	}

}
