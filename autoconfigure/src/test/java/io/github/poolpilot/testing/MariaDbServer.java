package io.github.poolpilot.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

import static org.awaitility.Awaitility.await;

/**
 * A real MariaDB server for tests: Debian's {@code mariadb-server} package, started once
 * per test JVM on a free loopback port with a data directory of its own, and stopped when
 * the JVM exits. It can be stopped and started again on the same port and data, as a
 * database restart looks to a pool. Tests connect as {@code app} (an ordinary user with a
 * password, all rights on the {@code app} database and none beyond) and administer as
 * {@code root}.
 */
public final class MariaDbServer {

	private static final int TOO_MANY_CONNECTIONS = 1040;

	private static final String APP_PASSWORD = "app-pw";

	// as root (CI), the server must be told to stay root; anyone else runs it as
	// themselves
	private static final String USER = System.getProperty("user.name");

	// a test server needs no durability: without syncs the data directory is made in
	// half the time on a busy machine
	private static final List<String> FAST = List.of("--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M",
			"--innodb-flush-method=nosync", "--innodb-doublewrite=0", "--innodb-flush-log-at-trx-commit=0");

	private static @Nullable MariaDbServer shared;

	private final Path directory;

	private final int port;

	private final String serverBinary;

	private @Nullable Process process;

	private long startMillis;

	private MariaDbServer(Path directory, int port, String serverBinary) {
		this.directory = directory;
		this.port = port;
		this.serverBinary = serverBinary;
	}

	/**
	 * Return the server that the tests of this JVM share, starting it on first use.
	 * @return the running server
	 */
	public static synchronized MariaDbServer shared() {
		if (shared == null) {
			String server = binary("mariadbd", "/usr/sbin/mariadbd");
			String install = binary("mariadb-install-db", "/usr/bin/mariadb-install-db");
			if (server == null || install == null) {
				throw new IllegalStateException("MariaDB is not installed (no mariadbd and mariadb-install-db); "
						+ "install Debian's mariadb-server package: apt-get install mariadb-server");
			}
			try {
				Path directory = Files.createTempDirectory("poolpilot-mariadb");
				MariaDbServer started = new MariaDbServer(directory, freePort(), server);
				long begin = System.nanoTime();
				started.installDataDirectory(install);
				long installed = System.nanoTime();
				started.start();
				long up = System.nanoTime();
				started.admin("create user 'app'@'127.0.0.1' identified by '" + APP_PASSWORD + "'",
						"create user 'other'@'127.0.0.1' identified by 'other-pw'", "create database app",
						"grant all on app.* to 'app'@'127.0.0.1'", "grant all on app.* to 'other'@'127.0.0.1'",
						"create table app.builds (id int auto_increment primary key, status varchar(20))");
				started.startMillis = (System.nanoTime() - begin) / 1_000_000;
				System.out.printf("MariaDB %s started in %d ms (data directory %d ms, server up %d ms, users made)%n",
						started.queryString("select version()"), started.startMillis, (installed - begin) / 1_000_000,
						(up - installed) / 1_000_000);
				Runtime.getRuntime().addShutdownHook(new Thread(started::close, "mariadb-stop"));
				shared = started;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return shared;
	}

	/**
	 * Return whether the MariaDB server binaries are on this machine.
	 * @return whether {@link #shared()} can start a server
	 */
	public static boolean installed() {
		return binary("mariadbd", "/usr/sbin/mariadbd") != null
				&& binary("mariadb-install-db", "/usr/bin/mariadb-install-db") != null;
	}

	private void installDataDirectory(String install) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(install, "--no-defaults", "--user=" + USER, "--datadir=" + this.directory.resolve("data"),
						"--auth-root-authentication-method=normal", "--skip-test-db"));
		command.addAll(FAST);
		run(command, "install.log");
	}

	/**
	 * Start the server (again), and wait until it accepts connections.
	 */
	public synchronized void start() {
		if (this.process != null) {
			return;
		}
		List<String> command = new ArrayList<>(List.of(this.serverBinary, "--no-defaults", "--user=" + USER,
				"--datadir=" + this.directory.resolve("data"), "--port=" + this.port, "--bind-address=127.0.0.1",
				"--socket=" + this.directory.resolve("sock"), "--pid-file=" + this.directory.resolve("pid"),
				"--log-error=" + this.directory.resolve("error.log"), "--skip-name-resolve"));
		command.addAll(FAST);
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("server.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Process started = this.process;
		try {
			await("MariaDB accepts connections").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> {
					try (Connection connection = adminConnection()) {
						return true;
					}
					catch (SQLException ex) {
						if (!started.isAlive()) {
							throw new IllegalStateException("MariaDB did not start; see " + this.directory, ex);
						}
						return false;
					}
				});
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException("MariaDB did not start; see " + this.directory, ex);
		}
	}

	/**
	 * Stop the server as an administrator's shutdown does, keeping its data.
	 */
	public synchronized void stop() {
		Process running = this.process;
		if (running != null) {
			running.destroy();
			try {
				if (!running.waitFor(30, TimeUnit.SECONDS)) {
					running.destroyForcibly().waitFor();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/**
	 * Return the JDBC URL of the {@code app} database.
	 * @return the URL
	 */
	public String jdbcUrl() {
		return "jdbc:mariadb://127.0.0.1:" + this.port + "/app";
	}

	public int port() {
		return this.port;
	}

	public String username() {
		return "app";
	}

	public String password() {
		return APP_PASSWORD;
	}

	/**
	 * Return how long the first start took: data directory, server up, users made.
	 * @return the time in milliseconds
	 */
	public long startMillis() {
		return this.startMillis;
	}

	/**
	 * Run statements as {@code root}, returning the first column of the last result.
	 * @param statements the statements
	 * @return the last result's first value, or 0 when the last statement returned no
	 * rows
	 */
	public long admin(String... statements) {
		try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
			long last = 0;
			for (String sql : statements) {
				if (statement.execute(sql)) {
					try (ResultSet result = statement.getResultSet()) {
						last = result.next() ? result.getLong(1) : 0;
					}
				}
			}
			return last;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Run a query as {@code root} and return the first value as text.
	 * @param sql the query
	 * @return the value
	 */
	public String queryString(String sql) {
		try (Connection connection = adminConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(result.getMetaData().getColumnCount());
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Open a connection as {@code root}, which MariaDB lets in even when
	 * {@code max_connections} is reached (one slot beyond it). That slot is freed only
	 * once the server has finished the session that used it last, so a refusal for too
	 * many connections (error 1040) is tried again for up to 5 s.
	 * @return the connection
	 * @throws SQLException if the server refuses
	 */
	public Connection adminConnection() throws SQLException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (true) {
			try {
				return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + this.port + "/?connectTimeout=2000",
						"root", "");
			}
			catch (SQLException ex) {
				if (ex.getErrorCode() != TOO_MANY_CONNECTIONS || System.nanoTime() - deadline > 0) {
					throw ex;
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
			}
		}
	}

	private void close() {
		stop();
		FileSystemUtils.deleteRecursively(this.directory.toFile());
	}

	private void run(List<String> command, String log) throws IOException {
		Process install = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve(log).toFile())
			.start();
		try {
			if (!install.waitFor(60, TimeUnit.SECONDS) || install.exitValue() != 0) {
				throw new IllegalStateException(
						"'" + String.join(" ", command) + "' failed; see " + this.directory.resolve(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable String binary(String name, String debianPath) {
		if (new File(debianPath).canExecute()) {
			return debianPath;
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				File candidate = new File(directory, name);
				if (candidate.canExecute()) {
					return candidate.getPath();
				}
			}
		}
		return null;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
