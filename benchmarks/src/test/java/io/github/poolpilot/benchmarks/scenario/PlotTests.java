package io.github.poolpilot.benchmarks.scenario;

import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Plot}.
 */
class PlotTests {

	@Test
	void drawsOnePanelPerRunHeadless(@TempDir Path directory) throws Exception {
		Run run = TestRuns.run(List.of(Phase.steady("a", 20, 2), Phase.steady("b", 40, 2)), 20_000_000,
				(millis) -> (millis < 2000) ? 2 : 4);
		Path file = directory.resolve("plot.png");
		Plot.draw("test", List.of(run, run), 0, file);
		assertThat(ImageIO.read(file.toFile()).getHeight()).isGreaterThan(2 * 200);
	}

}
