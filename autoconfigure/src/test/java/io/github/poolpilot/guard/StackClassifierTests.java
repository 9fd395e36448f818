package io.github.poolpilot.guard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Classification of sampled stacks, innermost frame first, as
 * {@code Thread.getStackTrace} returns them.
 */
class StackClassifierTests {

	private static final StackTraceElement APPLICATION = frame("com.example.BuildService", "build");

	@Test
	void incidentStackIsAWaitForApacheHttpClientsPool() {
		StackTraceElement[] stack = { frame("jdk.internal.misc.Unsafe", "park"),
				frame("java.util.concurrent.locks.LockSupport", "park"),
				frame("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", "await"),
				frame("org.apache.http.pool.AbstractConnPool", "getPoolEntryBlocking"),
				frame("org.apache.http.pool.AbstractConnPool$2", "get"),
				frame("org.apache.http.impl.client.CloseableHttpClient", "execute"), APPLICATION };
		assertThat(StackClassifier.classify(stack, Thread.State.WAITING)).isEqualTo(new StackClassifier.Blocking(
				RemoteCallKind.HTTP, "a wait for a connection from Apache HttpClient 4's pool"));
	}

	@Test
	void socketReadInHttpUrlConnectionNamesTheClient() {
		StackTraceElement[] stack = { frame("sun.nio.ch.Net", "poll"), frame("sun.nio.ch.NioSocketImpl", "park"),
				frame("sun.nio.ch.NioSocketImpl", "read"), frame("java.net.Socket$SocketInputStream", "read"),
				frame("sun.net.www.http.HttpClient", "parseHTTP"),
				frame("sun.net.www.protocol.http.HttpURLConnection", "getInputStream"), APPLICATION };
		assertThat(StackClassifier.classify(stack, Thread.State.RUNNABLE))
			.isEqualTo(new StackClassifier.Blocking(RemoteCallKind.HTTP, "a socket read in HttpURLConnection"));
	}

	@Test
	void rawSocketConnectIsASocketWait() {
		StackTraceElement[] stack = { frame("sun.nio.ch.Net", "connect0"), frame("sun.nio.ch.NioSocketImpl", "connect"),
				frame("java.net.Socket", "connect"), APPLICATION };
		assertThat(StackClassifier.classify(stack, Thread.State.RUNNABLE))
			.isEqualTo(new StackClassifier.Blocking(RemoteCallKind.SOCKET, "a socket connect"));
	}

	@Test
	void socketReadInsideTheJdbcDriverIsWork() {
		StackTraceElement[] stack = { frame("sun.nio.ch.NioSocketImpl", "read"),
				frame("java.net.Socket$SocketInputStream", "read"),
				frame("org.postgresql.core.VisibleBufferedInputStream", "readMore"),
				frame("org.postgresql.jdbc.PgStatement", "executeQuery"),
				frame("com.zaxxer.hikari.pool.HikariProxyStatement", "executeQuery"), APPLICATION };
		assertThat(StackClassifier.classify(stack, Thread.State.RUNNABLE)).isNull();
	}

	@Test
	void sleepAndLockWaitsAreClassified() {
		assertThat(StackClassifier.classify(new StackTraceElement[] { frame("java.lang.Thread", "sleep0"),
				frame("java.lang.Thread", "sleep"), APPLICATION }, Thread.State.TIMED_WAITING))
			.isEqualTo(new StackClassifier.Blocking(RemoteCallKind.SLEEP, "Thread.sleep"));
		assertThat(StackClassifier
			.classify(
					new StackTraceElement[] { frame("jdk.internal.misc.Unsafe", "park"),
							frame("java.util.concurrent.locks.LockSupport", "park"), APPLICATION },
					Thread.State.WAITING)
			.kind()).isEqualTo(RemoteCallKind.LOCK);
		assertThat(StackClassifier.classify(new StackTraceElement[] { APPLICATION }, Thread.State.BLOCKED).kind())
			.isEqualTo(RemoteCallKind.LOCK);
	}

	@Test
	void runningApplicationCodeIsNotAWait() {
		assertThat(StackClassifier.classify(
				new StackTraceElement[] { frame("java.lang.String", "indexOf"), APPLICATION }, Thread.State.RUNNABLE))
			.isNull();
	}

	@Test
	void transactionIsNamedFromTheProxiedMethodOrTheTemplatesCaller() {
		StackTraceElement[] declarative = { frame("java.lang.Thread", "sleep"), APPLICATION,
				frame("org.springframework.aop.support.AopUtils", "invokeJoinpointUsingReflection"),
				frame("org.springframework.transaction.interceptor.TransactionAspectSupport",
						"invokeWithinTransaction"),
				frame("com.example.BuildController", "post") };
		assertThat(StackClassifier.transactionFromStack(declarative)).isEqualTo("BuildService.build()");
		StackTraceElement[] programmatic = { frame("com.example.Jobs", "lambda$run$0"),
				frame("org.springframework.transaction.support.TransactionTemplate", "execute"),
				frame("com.example.Jobs", "run") };
		assertThat(StackClassifier.transactionFromStack(programmatic)).isEqualTo("Jobs.run()");
		assertThat(StackClassifier.transactionFromStack(new StackTraceElement[] { APPLICATION })).isNull();
	}

	private static StackTraceElement frame(String type, String method) {
		return new StackTraceElement(type, method, type.substring(type.lastIndexOf('.') + 1) + ".java", 42);
	}

}
