package io.github.poolpilot.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.beans.factory.DisposableBean;

/**
 * A stand-in for the CI server of the incident (Jenkins): an HTTP server on a loopback
 * port, started inside the application, that takes its time to answer {@code POST
 * /job/{job}/build}.
 *
 * @author Pool Pilot contributors
 */
public class CiServer implements DisposableBean {

	private final HttpServer server;

	private final Duration delay;

	/**
	 * Start the server on a free loopback port.
	 * @param delay how long each build request takes to answer
	 */
	public CiServer(Duration delay) {
		this.delay = delay;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/job/", this::build);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	private void build(HttpExchange exchange) throws IOException {
		try {
			Thread.sleep(this.delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		byte[] body = "{\"result\":\"SUCCESS\"}".getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * Return the server's base URI.
	 * @return {@code http://127.0.0.1:port}
	 */
	public String baseUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void destroy() {
		this.server.stop(0);
	}

}
