package io.github.poolpilot.benchmarks.scenario;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;

import javax.imageio.ImageIO;

/**
 * Draws one PNG per scenario with Java2D, headless: one panel per contender, with the
 * pool's open connections, its {@code maximumPoolSize} and the connections in use on the
 * left axis, and the arrival rate (per second, over the last second) and the threads
 * waiting for a connection on the right axis.
 *
 * @author Pool Pilot contributors
 */
final class Plot {

	private static final int WIDTH = 1000;

	private static final int PANEL = 230;

	private static final int LEFT = 60;

	private static final int RIGHT = 70;

	private static final int TOP = 40;

	private static final Color TOTAL = new Color(0, 0, 0);

	private static final Color MAXIMUM = new Color(150, 150, 150);

	private static final Color ACTIVE = new Color(31, 119, 180);

	private static final Color PENDING = new Color(214, 39, 40);

	private static final Color RATE = new Color(44, 160, 44);

	private Plot() {
	}

	/**
	 * Draw a scenario's runs.
	 * @param title the picture's title
	 * @param runs the runs, one panel each
	 * @param fromSeconds where the time axis starts
	 * @param file where to write the PNG
	 * @throws IOException if it cannot be written
	 */
	static void draw(String title, List<Run> runs, double fromSeconds, Path file) throws IOException {
		System.setProperty("java.awt.headless", "true");
		BufferedImage image = new BufferedImage(WIDTH, TOP + runs.size() * PANEL + 30, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, image.getWidth(), image.getHeight());
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		g.drawString(title, LEFT, 20);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		legend(g, LEFT, 34);
		for (int i = 0; i < runs.size(); i++) {
			panel(g, runs.get(i), fromSeconds, TOP + i * PANEL + 10);
		}
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static void legend(Graphics2D g, int x, int y) {
		String[] names = { "open connections", "maximumPoolSize", "active", "waiting threads (right)",
				"arrivals/s (right)" };
		Color[] colors = { TOTAL, MAXIMUM, ACTIVE, PENDING, RATE };
		for (int i = 0; i < names.length; i++) {
			g.setColor(colors[i]);
			g.fillRect(x, y - 8, 14, 4);
			g.setColor(Color.BLACK);
			g.drawString(names[i], x + 18, y - 3);
			x += g.getFontMetrics().stringWidth(names[i]) + 36;
		}
	}

	private static void panel(Graphics2D g, Run run, double fromSeconds, int top) {
		List<Sample> samples = run.samples().stream().filter((sample) -> sample.millis() >= fromSeconds * 1e3).toList();
		long[] starts = run.phaseStarts();
		double end = starts[starts.length - 1] / 1e9;
		int height = PANEL - 45;
		int width = WIDTH - LEFT - RIGHT;
		double[] rates = rates(samples);
		double left = Math.max(4,
				samples.stream().mapToInt((s) -> Math.max(s.total(), s.maximumPoolSize())).max().orElse(1)) * 1.1;
		double right = 10;
		for (int i = 0; i < samples.size(); i++) {
			right = Math.max(right, Math.max(rates[i], samples.get(i).pending()) * 1.1);
		}
		g.setColor(Color.BLACK);
		g.drawString(run.contender().label(), LEFT, top + 8);
		int y0 = top + 15 + height;
		g.setColor(new Color(235, 235, 235));
		for (int p = 1; p < starts.length - 1; p++) {
			int x = x(starts[p] / 1e9, fromSeconds, end, width);
			g.drawLine(x, top + 15, x, y0);
		}
		g.setColor(Color.BLACK);
		g.drawRect(LEFT, top + 15, width, height);
		axis(g, left, right, top + 15, height, fromSeconds, end, width, y0);
		line(g, samples, (i) -> rates[i], right, fromSeconds, end, width, y0, height, RATE, 1f);
		line(g, samples, (i) -> samples.get(i).pending(), right, fromSeconds, end, width, y0, height, PENDING, 1f);
		line(g, samples, (i) -> samples.get(i).maximumPoolSize(), left, fromSeconds, end, width, y0, height, MAXIMUM,
				3f);
		line(g, samples, (i) -> samples.get(i).active(), left, fromSeconds, end, width, y0, height, ACTIVE, 1f);
		line(g, samples, (i) -> samples.get(i).total(), left, fromSeconds, end, width, y0, height, TOTAL, 1.5f);
	}

	private static double[] rates(List<Sample> samples) {
		double[] rates = new double[samples.size()];
		int back = 0;
		for (int i = 0; i < samples.size(); i++) {
			while (samples.get(i).millis() - samples.get(back).millis() > 1000) {
				back++;
			}
			long span = samples.get(i).millis() - samples.get(back).millis();
			rates[i] = (span > 0) ? (samples.get(i).arrived() - samples.get(back).arrived()) * 1e3 / span : 0;
		}
		return rates;
	}

	private static void axis(Graphics2D g, double left, double right, int top, int height, double from, double end,
			int width, int y0) {
		g.setColor(Color.DARK_GRAY);
		for (int k = 0; k <= 4; k++) {
			int y = y0 - k * height / 4;
			g.drawString(String.format(Locale.ROOT, "%.0f", left * k / 4), 8, y + 4);
			g.drawString(String.format(Locale.ROOT, "%.0f", right * k / 4), LEFT + width + 6, y + 4);
		}
		g.drawString("conn.", 8, top - 3);
		g.drawString("/s, threads", LEFT + width + 6, top - 3);
		double step = ((end - from) > 120) ? 20 : ((end - from) > 30) ? 10 : 2;
		for (double t = Math.ceil(from / step) * step; t <= end; t += step) {
			int x = x(t, from, end, width);
			g.drawLine(x, y0, x, y0 + 3);
			g.drawString(String.format(Locale.ROOT, "%.0f s", t), x - 8, y0 + 15);
		}
	}

	private static void line(Graphics2D g, List<Sample> samples, IntToDoubleFunction value, double scale, double from,
			double end, int width, int y0, int height, Color color, float stroke) {
		g.setColor(color);
		g.setStroke(new BasicStroke(stroke));
		int px = -1;
		int py = 0;
		for (int i = 0; i < samples.size(); i++) {
			int x = x(samples.get(i).millis() / 1e3, from, end, width);
			int y = y0 - (int) Math.round(Math.min(1, value.applyAsDouble(i) / scale) * height);
			if (px >= 0) {
				g.drawLine(px, py, x, y);
			}
			px = x;
			py = y;
		}
		g.setStroke(new BasicStroke(1f));
	}

	private static int x(double seconds, double from, double end, int width) {
		return LEFT + (int) Math.round(Math.min(1, Math.max(0, (seconds - from) / (end - from))) * width);
	}

}
