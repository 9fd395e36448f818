package io.github.poolpilot.guard;

import io.github.poolpilot.lease.CallSites;
import org.jspecify.annotations.Nullable;

/**
 * Reads a stack sampled from a thread that holds a connection and says what the thread is
 * waiting on: a socket read or connect (and the client, when one of the known clients is
 * on the stack), a wait for an HTTP client's own connection pool, a sleep, or a lock.
 * Only the frames above the first application frame count. A thread working inside a JDBC
 * driver or HikariCP, or running code without waiting, is not blocked on anything remote.
 * Pure: no clock, no thread access.
 *
 * @author Pool Pilot contributors
 */
final class StackClassifier {

	private static final String[] JDBC_PREFIXES = { "org.postgresql.", "com.mysql.", "org.mariadb.", "org.h2.",
			"oracle.jdbc.", "com.microsoft.sqlserver.", "org.hsqldb.", "org.apache.derby.", "com.ibm.db2.",
			"org.sqlite.", "net.sourceforge.jtds.", "com.zaxxer.hikari." };

	// client prefix, display name, kind; the first match from the top of the stack wins
	private static final Object[][] CLIENTS = { { "org.apache.http.", "Apache HttpClient 4", RemoteCallKind.HTTP },
			{ "org.apache.hc.", "Apache HttpClient 5", RemoteCallKind.HTTP },
			{ "sun.net.www.protocol.http.", "HttpURLConnection", RemoteCallKind.HTTP },
			{ "jdk.internal.net.http.", "JDK HttpClient", RemoteCallKind.HTTP },
			{ "okhttp3.", "OkHttp", RemoteCallKind.HTTP },
			{ "org.eclipse.jetty.client.", "Jetty HttpClient", RemoteCallKind.HTTP },
			{ "reactor.netty.http.", "Reactor Netty", RemoteCallKind.HTTP }, { "io.grpc.", "gRPC", RemoteCallKind.RPC },
			{ "redis.clients.jedis.", "Jedis", RemoteCallKind.RPC }, { "io.lettuce.", "Lettuce", RemoteCallKind.RPC },
			{ "com.mongodb.", "MongoDB driver", RemoteCallKind.RPC },
			{ "org.apache.kafka.", "Kafka client", RemoteCallKind.MESSAGING },
			{ "com.rabbitmq.", "RabbitMQ client", RemoteCallKind.MESSAGING } };

	private static final String[] SOCKET_CLASSES = { "sun.nio.ch.NioSocketImpl", "java.net.Socket",
			"sun.nio.ch.SocketChannelImpl", "sun.nio.ch.Net", "java.net.PlainSocketImpl",
			"java.net.AbstractPlainSocketImpl", "sun.nio.ch.SocketDispatcher", "sun.security.ssl.SSLSocketImpl" };

	private StackClassifier() {
	}

	/**
	 * Classify what a thread waits on.
	 * @param stack the thread's stack, innermost frame first
	 * @param state the thread's state when it was sampled
	 * @return the wait, or {@code null} when the thread works in the driver or does not
	 * wait
	 */
	static @Nullable Blocking classify(StackTraceElement[] stack, Thread.State state) {
		String socket = null;
		String client = null;
		RemoteCallKind clientKind = null;
		String wait = null;
		for (StackTraceElement frame : stack) {
			if (CallSites.isApplication(frame)) {
				break;
			}
			String type = frame.getClassName();
			String method = frame.getMethodName();
			if (startsWithAny(type, JDBC_PREFIXES)) {
				return null;
			}
			if ("org.apache.http.pool.AbstractConnPool".equals(type) && method.startsWith("getPoolEntry")) {
				return new Blocking(RemoteCallKind.HTTP, "a wait for a connection from Apache HttpClient 4's pool");
			}
			if (type.startsWith("org.apache.hc.core5.pool.") && method.startsWith("lease")) {
				return new Blocking(RemoteCallKind.HTTP, "a wait for a connection from Apache HttpClient 5's pool");
			}
			if (socket == null && startsWithAny(type, SOCKET_CLASSES)) {
				socket = method.toLowerCase(java.util.Locale.ROOT).contains("connect") ? "connect"
						: (method.contains("accept") ? "accept" : "read");
			}
			if (wait == null) {
				wait = waitOf(type, method);
			}
			if (client == null) {
				for (Object[] known : CLIENTS) {
					if (type.startsWith((String) known[0])) {
						client = (String) known[1];
						clientKind = (RemoteCallKind) known[2];
						break;
					}
				}
			}
		}
		if (client != null && clientKind != null) {
			String what = (socket != null) ? "a socket " + socket : (wait != null) ? "a wait" : "a call";
			return new Blocking(clientKind, what + " in " + client);
		}
		if (socket != null) {
			return new Blocking(RemoteCallKind.SOCKET, "a socket " + socket);
		}
		if ("sleep".equals(wait)) {
			return new Blocking(RemoteCallKind.SLEEP, "Thread.sleep");
		}
		if (wait != null) {
			return new Blocking(RemoteCallKind.LOCK, wait);
		}
		if (state == Thread.State.BLOCKED) {
			return new Blocking(RemoteCallKind.LOCK, "a wait for a monitor (synchronized)");
		}
		return null;
	}

	private static @Nullable String waitOf(String type, String method) {
		if ("java.lang.Thread".equals(type) && method.startsWith("sleep")) {
			return "sleep";
		}
		if ("java.lang.Object".equals(type) && method.startsWith("wait")) {
			return "Object.wait";
		}
		if (("jdk.internal.misc.Unsafe".equals(type) || "sun.misc.Unsafe".equals(type)) && "park".equals(method)) {
			return "a lock or future wait (LockSupport.park)";
		}
		return null;
	}

	/**
	 * Name the transaction running on a stack from Spring's transaction frames, for a
	 * lease whose transaction manager did not publish a name: the method a
	 * {@code @Transactional} proxy invoked, or the method that called
	 * {@code TransactionTemplate}. The outermost transaction wins.
	 * @param stack the stack, innermost frame first
	 * @return the transaction as {@code BuildService.build()}, {@code "a transaction"}
	 * when Spring's frames are there but no application frame names it, or {@code null}
	 * when the stack shows no Spring transaction
	 */
	static @Nullable String transactionFromStack(StackTraceElement[] stack) {
		for (int i = stack.length - 1; i >= 0; i--) {
			String type = stack[i].getClassName();
			String method = stack[i].getMethodName();
			if ("org.springframework.transaction.interceptor.TransactionAspectSupport".equals(type)
					&& method.startsWith("invokeWithinTransaction")) {
				for (int j = i - 1; j >= 0; j--) {
					if (CallSites.isApplication(stack[j])) {
						return CallSites.methodName(stack[j]);
					}
				}
				return "a transaction";
			}
			if ("org.springframework.transaction.support.TransactionTemplate".equals(type)
					&& method.equals("execute")) {
				for (int j = i + 1; j < stack.length; j++) {
					if (CallSites.isApplication(stack[j])) {
						return CallSites.methodName(stack[j]);
					}
				}
				return "a transaction";
			}
		}
		return null;
	}

	private static boolean startsWithAny(String type, String[] prefixes) {
		for (String prefix : prefixes) {
			if (type.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What a sampled thread waits on.
	 *
	 * @param kind the kind of wait
	 * @param target the wait as a person reads it
	 * ({@code a socket read in Apache HttpClient 4})
	 */
	record Blocking(RemoteCallKind kind, String target) {

	}

}
