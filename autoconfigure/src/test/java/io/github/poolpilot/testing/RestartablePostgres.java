package io.github.poolpilot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL for fault tests that can be stopped and started again on the same
 * port with the same data directory, as a database restart looks to a pool.
 */
public final class RestartablePostgres implements AutoCloseable {

	private final Path dataDirectory;

	private final int port;

	private final Map<String, String> settings;

	private @Nullable EmbeddedPostgres postgres;

	private RestartablePostgres(Path dataDirectory, int port, Map<String, String> settings) {
		this.dataDirectory = dataDirectory;
		this.port = port;
		this.settings = settings;
	}

	/**
	 * Create and start a server.
	 * @param settings {@code postgresql.conf} settings
	 * @return the running server
	 */
	public static RestartablePostgres start(Map<String, String> settings) {
		try {
			RestartablePostgres server = new RestartablePostgres(Files.createTempDirectory("poolpilot-pg"), freePort(),
					settings);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Start the server (again).
	 */
	public synchronized void start() {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(this.port)
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setOutputRedirector(Redirect.DISCARD)
				.setErrorRedirector(Redirect.DISCARD);
			this.settings.forEach(builder::setServerConfig);
			this.postgres = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stop the server, keeping its data.
	 */
	public synchronized void stop() {
		try {
			if (this.postgres != null) {
				this.postgres.close();
				this.postgres = null;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the JDBC URL of the {@code postgres} database.
	 * @return the URL
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	@Override
	public void close() {
		stop();
		FileSystemUtils.deleteRecursively(this.dataDirectory.toFile());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
