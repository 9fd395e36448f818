package io.github.poolpilot.benchmarks.scenario;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

import javax.imageio.ImageIO;

/**
 * Draws the fleet scenario as one PNG, headless: for each contender, a panel of
 * connections (each replica's open connections, its share in a fleet, the server's count
 * of the role's sessions and the budget) and a panel of latency (each replica's p99 over
 * every second, on a log scale, with a mark for each second that had failures).
 *
 * @author Pool Pilot contributors
 */
final class FleetPlot {

	private static final int WIDTH = 1000;

	private static final int PANEL = 170;

	private static final int LEFT = 60;

	private static final int RIGHT = 30;

	private static final int TOP = 52;

	private static final Color[] REPLICAS = { new Color(31, 119, 180), new Color(44, 160, 44),
			new Color(255, 127, 14) };

	private static final Color SERVER = Color.BLACK;

	private static final Color BUDGET = new Color(150, 150, 150);

	private static final Color FAILED = new Color(214, 39, 40);

	private static final double MIN_MILLIS = 1;

	private static final double MAX_MILLIS = 10_000;

	private FleetPlot() {
	}

	/**
	 * Draw the runs.
	 * @param title the picture's title
	 * @param runs one run per contender
	 * @param budget the role's connection limit
	 * @param file where to write the PNG
	 * @throws IOException if it cannot be written
	 */
	static void draw(String title, List<FleetRun> runs, int budget, Path file) throws IOException {
		System.setProperty("java.awt.headless", "true");
		BufferedImage image = new BufferedImage(WIDTH, TOP + runs.size() * 2 * PANEL + 20, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, image.getWidth(), image.getHeight());
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		g.drawString(title, LEFT, 18);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		legend(g, runs.get(0));
		for (int i = 0; i < runs.size(); i++) {
			FleetRun run = runs.get(i);
			int top = TOP + i * 2 * PANEL;
			connections(g, run, budget, top + 10);
			latency(g, run, top + PANEL + 5);
		}
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static void legend(Graphics2D g, FleetRun run) {
		List<String> names = new ArrayList<>();
		List<Color> colors = new ArrayList<>();
		for (int i = 0; i < run.replicas().size(); i++) {
			names.add("replica " + run.replicas().get(i).id());
			colors.add(REPLICAS[i]);
		}
		names.addAll(List.of("server: sessions of the role", "budget", "a second with failures (p99 panels)"));
		colors.addAll(List.of(SERVER, BUDGET, FAILED));
		int x = LEFT;
		for (int i = 0; i < names.size(); i++) {
			g.setColor(colors.get(i));
			g.fillRect(x, 26, 14, 4);
			g.setColor(Color.BLACK);
			g.drawString(names.get(i), x + 18, 32);
			x += g.getFontMetrics().stringWidth(names.get(i)) + 36;
		}
		g.drawString("replicas: thick = open connections, thin = share of the fleet's budget (Pool Pilot); "
				+ "grey lines: the joiner launched, its context ready, the kill", LEFT, 46);
	}

	private static void connections(Graphics2D g, FleetRun run, int budget, int top) {
		int height = PANEL - 40;
		int y0 = top + 15 + height;
		double scale = budget * 1.6;
		frame(g, run, run.label() + ": connections", top, height);
		for (int k = 0; k <= 4; k++) {
			g.drawString(String.format(Locale.ROOT, "%.0f", scale * k / 4), 20, y0 - k * height / 4 + 4);
		}
		int yBudget = y0 - (int) Math.round(budget / scale * height);
		g.setColor(BUDGET);
		g.setStroke(new BasicStroke(2f));
		g.drawLine(LEFT, yBudget, LEFT + width(), yBudget);
		for (int i = 0; i < run.replicas().size(); i++) {
			ReplicaTrace replica = run.replicas().get(i);
			List<double[]> open = new ArrayList<>();
			List<double[]> share = new ArrayList<>();
			for (ReplicaSample sample : replica.samples()) {
				open.add(new double[] { sample.millis(), sample.total() });
				if (sample.inFleet()) {
					share.add(new double[] { sample.millis(), sample.share() });
				}
			}
			line(g, run, open, (v) -> y0 - Math.min(1, v / scale) * height, REPLICAS[i], 1.8f);
			line(g, run, share, (v) -> y0 - Math.min(1, v / scale) * height, REPLICAS[i], 0.8f);
		}
		List<double[]> server = new ArrayList<>();
		run.server().forEach((sample) -> server.add(new double[] { sample.millis(), sample.total() }));
		line(g, run, server, (v) -> y0 - Math.min(1, v / scale) * height, SERVER, 1f);
	}

	private static void latency(Graphics2D g, FleetRun run, int top) {
		int height = PANEL - 40;
		int y0 = top + 15 + height;
		double decades = Math.log10(MAX_MILLIS / MIN_MILLIS);
		DoubleUnaryOperator y = (v) -> y0
				- Math.min(1, Math.max(0, Math.log10(Math.max(v, MIN_MILLIS) / MIN_MILLIS) / decades)) * height;
		frame(g, run, run.label() + ": p99 of each second (ms, log)", top, height);
		for (double v = MIN_MILLIS; v <= MAX_MILLIS; v *= 10) {
			g.drawString(String.format(Locale.ROOT, "%.0f", v), 10, (int) y.applyAsDouble(v) + 4);
		}
		int seconds = (int) (run.end() / 1000) + 1;
		for (int i = 0; i < run.replicas().size(); i++) {
			List<List<Double>> bySecond = new ArrayList<>();
			boolean[] failed = new boolean[seconds + 1];
			for (int s = 0; s <= seconds; s++) {
				bySecond.add(new ArrayList<>());
			}
			for (ReplicaTrace.Request request : run.replicas().get(i).requests()) {
				int s = (int) Math.min(seconds, Math.max(0, request.dueMillis() / 1000));
				bySecond.get(s).add(request.latencyMillis());
				failed[s] |= request.kind() != ReplicaLoad.Outcome.OK;
			}
			List<double[]> points = new ArrayList<>();
			for (int s = 0; s <= seconds; s++) {
				double[] sorted = bySecond.get(s).stream().mapToDouble(Double::doubleValue).sorted().toArray();
				if (sorted.length > 0) {
					points.add(new double[] { s * 1000 + 500, FleetRun.percentile(sorted, 0.99) });
				}
				if (failed[s]) {
					g.setColor(FAILED);
					int x = x(run, s * 1000 + 500);
					g.fillRect(x - 1, top + 15 + 2 + i * 5, 3, 4);
				}
			}
			line(g, run, points, y, REPLICAS[i], 1.3f);
		}
	}

	private static void frame(Graphics2D g, FleetRun run, String label, int top, int height) {
		g.setColor(Color.BLACK);
		g.drawString(label, LEFT, top + 8);
		int y0 = top + 15 + height;
		g.setColor(new Color(225, 225, 225));
		for (long at : new long[] { run.joinAt(), run.joiner().ready(), run.killAt() }) {
			if (at >= 0) {
				g.drawLine(x(run, at), top + 15, x(run, at), y0);
			}
		}
		g.setColor(Color.BLACK);
		g.drawRect(LEFT, top + 15, width(), height);
		for (long t = 0; t <= run.end(); t += 10_000) {
			int x = x(run, t);
			g.drawLine(x, y0, x, y0 + 3);
			g.drawString((t / 1000) + " s", x - 8, y0 + 14);
		}
		g.setColor(Color.DARK_GRAY);
		g.drawString("join", x(run, run.joinAt()) + 2, top + 26);
		g.drawString("kill -9", x(run, run.killAt()) + 2, top + 26);
	}

	private static void line(Graphics2D g, FleetRun run, List<double[]> points, DoubleUnaryOperator y, Color color,
			float stroke) {
		g.setColor(color);
		g.setStroke(new BasicStroke(stroke));
		int px = -1;
		int py = 0;
		for (double[] point : points) {
			int x = x(run, (long) point[0]);
			int py2 = (int) Math.round(y.applyAsDouble(point[1]));
			if (px >= 0) {
				g.drawLine(px, py, x, py2);
			}
			px = x;
			py = py2;
		}
		g.setStroke(new BasicStroke(1f));
	}

	private static int width() {
		return WIDTH - LEFT - RIGHT;
	}

	private static int x(FleetRun run, long millis) {
		double end = run.end() + 2000;
		return LEFT + (int) Math.round(Math.max(0, Math.min(1, millis / end)) * width());
	}

}
