package io.github.poolpilot.lease;

import org.jspecify.annotations.Nullable;

/**
 * Finds the first application frame in a stack: the line a person would fix. Frames of
 * the JDK, of Spring, of HikariCP, of JDBC drivers, of HTTP, RPC and messaging clients,
 * of servlet containers, of proxies and of Pool Pilot itself are skipped.
 *
 * @author Pool Pilot contributors
 */
public final class CallSites {

	private static final String[] FRAMEWORK_PREFIXES = { "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
			"org.springframework.", "com.zaxxer.hikari.", "io.github.poolpilot.hikari.", "io.github.poolpilot.lease.",
			"io.github.poolpilot.guard.", "io.github.poolpilot.sizing.", "io.github.poolpilot.metrics.",
			"io.github.poolpilot.actuate.", "io.github.poolpilot.autoconfigure.", "org.postgresql.", "com.mysql.",
			"org.mariadb.", "org.h2.", "oracle.jdbc.", "com.microsoft.sqlserver.", "org.hsqldb.", "org.apache.derby.",
			"org.hibernate.", "org.apache.http.", "org.apache.hc.", "okhttp3.", "okio.", "io.netty.", "reactor.",
			"io.grpc.", "org.apache.kafka.", "com.rabbitmq.", "io.micrometer.", "org.apache.catalina.",
			"org.apache.tomcat.", "org.apache.coyote.", "org.eclipse.jetty.", "io.undertow.", "org.aspectj.",
			"net.bytebuddy.", "org.mockito.", "org.junit.", "org.assertj.", "kotlin.", "kotlinx.", "feign.",
			"retrofit2.", "org.jooq.", "org.mybatis.", "org.apache.ibatis.", "com.fasterxml.", "tools.jackson.",
			"ch.qos.logback.", "org.apache.logging.", "org.slf4j.", "org.apache.commons.", "io.opentelemetry.",
			"brave.", "zipkin2.", "net.ttddyy.", "com.vladmihalcea.", "org.apache.maven.", "worker.org.gradle." };

	private CallSites() {
	}

	/**
	 * Return the first application frame of a stack, outermost proxies and framework code
	 * skipped.
	 * @param stack the stack, innermost frame first
	 * @return the frame, or {@code null} when there is none
	 */
	public static @Nullable StackTraceElement firstApplicationFrame(StackTraceElement[] stack) {
		for (StackTraceElement frame : stack) {
			if (isApplication(frame)) {
				return frame;
			}
		}
		return null;
	}

	/**
	 * Return whether a frame is application code.
	 * @param frame the frame
	 * @return whether it belongs to the application
	 */
	public static boolean isApplication(StackTraceElement frame) {
		String className = frame.getClassName();
		if (className.contains("$$") || className.startsWith("jdk.proxy") || className.contains("$Proxy")
				|| frame.isNativeMethod()) {
			return false;
		}
		for (String prefix : FRAMEWORK_PREFIXES) {
			if (className.startsWith(prefix)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Format a frame the way a person reads it:
	 * {@code BuildService.build(BuildService.java:42)}, a lambda named for the method it
	 * is written in.
	 * @param frame the frame, may be {@code null}
	 * @return the formatted frame, or {@code null}
	 */
	public static @Nullable String format(@Nullable StackTraceElement frame) {
		if (frame == null) {
			return null;
		}
		String className = frame.getClassName();
		String simple = className.substring(className.lastIndexOf('.') + 1);
		String file = frame.getFileName();
		String location = (file != null && frame.getLineNumber() >= 0) ? file + ":" + frame.getLineNumber()
				: (file != null) ? file : "Unknown Source";
		return simple + "." + method(frame) + "(" + location + ")";
	}

	/**
	 * Return a short name for a method, {@code BuildService.build()}.
	 * @param frame the frame
	 * @return the method's short name
	 */
	public static String methodName(StackTraceElement frame) {
		String className = frame.getClassName();
		return className.substring(className.lastIndexOf('.') + 1) + "." + method(frame) + "()";
	}

	// a lambda is named for the method it is written in, as a person finds it:
	// javac's lambda$build$0 is build
	private static String method(StackTraceElement frame) {
		String name = frame.getMethodName();
		if (!name.startsWith("lambda$")) {
			return name;
		}
		int end = name.indexOf('$', 7);
		String enclosing = (end > 7) ? name.substring(7, end) : "";
		return (enclosing.isEmpty() || "static".equals(enclosing) || "new".equals(enclosing)) ? name : enclosing;
	}

}
