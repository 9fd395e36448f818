package io.github.poolpilot.sample;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample's live page in a real headless Chromium: the chart plots what
 * {@code /actuator/pool} returned, the incident button makes callers wait and a guard
 * finding appear, and the page logs no console error. Needs Debian's {@code chromium} and
 * {@code chromium-driver}; without them the test is skipped, except in CI
 * ({@code CI=true}), where it fails. It saves a screenshot to
 * {@code target/sample-page.png}, where {@code docs/images/sample-page.png} is taken
 * from.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.ci.delay=2s", "poolpilot.tuning.connection-timeout=3s" })
class SamplePageTests {

	private static final List<String> SERIES = List.of("total", "active", "pending", "recommended", "max");

	private static final Path SCREENSHOT = Path.of("target", "sample-page.png");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static @Nullable ChromeDriver driver;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startBrowser(@TempDir Path profile) {
		File chromium = executable("chromium");
		File chromedriver = executable("chromedriver");
		boolean present = chromium != null && chromedriver != null;
		if (!present && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true but chromium or chromedriver is missing: "
					+ "apt-get install chromium chromium-driver (see .ci/run)");
		}
		if (!present) {
			System.err.println("SamplePageTests skipped: no chromium and chromedriver on the PATH");
		}
		assumeTrue(present, "chromium and chromedriver are not installed");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--no-first-run", "--disable-sync", "--window-size=1280,1100",
				"--user-data-dir=" + profile.toAbsolutePath());
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
	}

	@Test
	void pagePlotsThePoolAndShowsTheIncident() throws Exception {
		ChromeDriver browser = driver;
		browser.get("http://127.0.0.1:" + this.port + "/");
		await().atMost(Duration.ofSeconds(20)).until(() -> polls(browser) >= 3);
		// at rest the pool holds still: the page's latest sample is what the endpoint
		// says now
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode latest = samples(browser).get(samples(browser).size() - 1).path("response");
			assertThat(plotted(latest)).isEqualTo(plotted(pools()));
		});
		assertPlottedValuesAreTheResponses(browser);
		browser.findElement(By.id("fire-incident")).click();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(samples(browser))
				.anySatisfy((sample) -> assertThat(sample.path("values").path("pending").asInt()).isPositive()));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#findings li.finding"))).first()
				.satisfies((finding) -> assertThat(finding.getText())
					.contains("BuildService.build() held a connection across POST http://127.0.0.1:")));
		// the volley is still running: callers wait and holders are listed
		Files.createDirectories(SCREENSHOT.getParent());
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(browser.findElement(By.id("outcome")).getText()).startsWith("incident: "));
		long polled = polls(browser);
		await().atMost(Duration.ofSeconds(20)).until(() -> polls(browser) >= polled + 2);
		assertPlottedValuesAreTheResponses(browser);
		browser.findElement(By.id("fire-fixed")).click();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(browser.findElement(By.id("outcome")).getText())
				.startsWith("fixed: 10 of 10 builds succeeded"));
		List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
		assertThat(console).noneMatch((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue());
	}

	private static void assertPlottedValuesAreTheResponses(ChromeDriver browser) {
		// read the polylines and the samples in one script, so that no poll lands in
		// between
		String both = (String) browser
			.executeScript("var lines = {};" + "document.querySelectorAll('#chart polyline').forEach(function (l) {"
					+ " lines[l.dataset.series] = l.dataset.values; });"
					+ "return JSON.stringify({lines: lines, samples: window.poolPilot.samples});");
		JsonNode read = json.readTree(both);
		JsonNode samples = read.path("samples");
		assertThat(samples.size()).isPositive();
		for (String series : SERIES) {
			List<String> expected = new ArrayList<>();
			for (JsonNode sample : samples) {
				JsonNode summary = sample.path("response").path("pools").get(0);
				JsonNode value = series.equals("recommended") ? summary.path("recommendedSize")
						: summary.path("state").path(series);
				expected.add(value.isNull() ? "" : value.asString());
			}
			assertThat(read.path("lines").path(series).asString()).as(series).isEqualTo(String.join(",", expected));
		}
	}

	private static Map<String, String> plotted(JsonNode response) {
		JsonNode summary = response.path("pools").get(0);
		return Map.of("total", summary.path("state").path("total").asString(), "active",
				summary.path("state").path("active").asString(), "pending",
				summary.path("state").path("pending").asString(), "max", summary.path("state").path("max").asString(),
				"recommended", summary.path("recommendedSize").asString());
	}

	private JsonNode pools() throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/pool")).build(),
				HttpResponse.BodyHandlers.ofString());
		return json.readTree(response.body());
	}

	private static long polls(ChromeDriver browser) {
		Object polls = browser.executeScript("return window.poolPilot ? window.poolPilot.polls : 0;");
		return (polls instanceof Number number) ? number.longValue() : 0;
	}

	private static List<JsonNode> samples(ChromeDriver browser) {
		String text = (String) browser.executeScript("return JSON.stringify(window.poolPilot.samples);");
		List<JsonNode> samples = new ArrayList<>();
		json.readTree(text).forEach(samples::add);
		return samples;
	}

	private static @Nullable File executable(String name) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File file = new File(directory, name);
			if (file.canExecute()) {
				return file;
			}
		}
		return null;
	}

}
