package io.github.poolpilot.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A slow CI server for tests: a JDK {@link HttpServer} on 127.0.0.1 whose handler holds
 * every request until the test {@link #release() releases} it, and counts what it
 * received.
 */
public final class SlowHttpServer implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	private final CountDownLatch received = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private SlowHttpServer(HttpServer server) {
		this.server = server;
	}

	/**
	 * Start a server on a free loopback port.
	 * @return the running server
	 */
	public static SlowHttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			SlowHttpServer slow = new SlowHttpServer(server);
			server.createContext("/", (exchange) -> {
				slow.requests.incrementAndGet();
				slow.received.countDown();
				try {
					slow.release.await(20, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
				exchange.getRequestBody().readAllBytes();
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return slow;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the URI of a path on this server.
	 * @param pathAndQuery such as {@code /job/build?token=secret}
	 * @return the URI
	 */
	public URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + pathAndQuery);
	}

	/**
	 * Return how many requests reached the handler.
	 * @return the count
	 */
	public int requests() {
		return this.requests.get();
	}

	/**
	 * Wait until a request reached the handler.
	 * @return whether one did within 10 seconds
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitRequest() throws InterruptedException {
		return this.received.await(10, TimeUnit.SECONDS);
	}

	/**
	 * Let every held request, and every later one, complete.
	 */
	public void release() {
		this.release.countDown();
	}

	@Override
	public void close() {
		release();
		this.server.stop(0);
	}

}
