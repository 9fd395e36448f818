package io.github.poolpilot.guard;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.github.poolpilot.lease.CallSites;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Decides whether a violation was allowed on purpose: a host matching one of the
 * configured patterns ({@code *} matches any run of characters, case is ignored), or a
 * method or class annotated with {@link AllowConnectionHeldAcrossRemoteCall} (for remote
 * calls) or {@link AllowNestedConnection} (for a second connection of the same pool)
 * among the application frames of the stack or as a transaction's method. Lookups by
 * class and method name are cached; only violations get here.
 *
 * @author Pool Pilot contributors
 */
public final class AllowList {

	private final List<Pattern> hosts;

	private final Map<String, Boolean> annotated = new ConcurrentHashMap<>();

	/**
	 * Create an allow-list.
	 * @param hostPatterns host patterns such as {@code *.internal} or {@code localhost}
	 */
	public AllowList(List<String> hostPatterns) {
		this.hosts = hostPatterns.stream().map(AllowList::compile).toList();
	}

	private static Pattern compile(String glob) {
		StringBuilder regex = new StringBuilder();
		for (String part : glob.trim().toLowerCase(Locale.ROOT).split("\\*", -1)) {
			if (!regex.isEmpty()) {
				regex.append(".*");
			}
			regex.append(Pattern.quote(part));
		}
		return Pattern.compile(regex.toString());
	}

	/**
	 * Return whether calls to a host are allowed.
	 * @param host the host, may be {@code null}
	 * @return whether a pattern matches it
	 */
	public boolean allowsHost(@Nullable String host) {
		if (host == null || this.hosts.isEmpty()) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		for (Pattern pattern : this.hosts) {
			if (pattern.matcher(name).matches()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return whether an application frame of a stack is annotated.
	 * @param stack the stack
	 * @param loader the class loader of the stack's thread
	 * @return whether the calls it makes are allowed
	 */
	public boolean allowsStack(StackTraceElement[] stack, @Nullable ClassLoader loader) {
		return stackHas(AllowConnectionHeldAcrossRemoteCall.class, stack, loader);
	}

	/**
	 * Return whether an application frame of a stack allows a nested acquisition with
	 * {@link AllowNestedConnection}.
	 * @param stack the stack
	 * @param loader the class loader of the stack's thread
	 * @return whether the second borrow it makes is allowed
	 */
	public boolean allowsNestingStack(StackTraceElement[] stack, @Nullable ClassLoader loader) {
		return stackHas(AllowNestedConnection.class, stack, loader);
	}

	/**
	 * Return whether a transaction's method allows a nested acquisition with
	 * {@link AllowNestedConnection}.
	 * @param transactionName the transaction name, may be {@code null}
	 * @param loader the class loader of the transaction's thread
	 * @return whether a second borrow in it is allowed
	 */
	public boolean allowsNestingTransaction(@Nullable String transactionName, @Nullable ClassLoader loader) {
		return transactionHas(AllowNestedConnection.class, transactionName, loader);
	}

	private boolean stackHas(Class<? extends Annotation> annotation, StackTraceElement[] stack,
			@Nullable ClassLoader loader) {
		for (StackTraceElement frame : stack) {
			if (CallSites.isApplication(frame)
					&& isAnnotated(annotation, frame.getClassName(), frame.getMethodName(), loader)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return whether a transaction's method is annotated; Spring names a declarative
	 * transaction {@code com.example.BuildService.build}.
	 * @param transactionName the transaction name, may be {@code null}
	 * @param loader the class loader of the transaction's thread
	 * @return whether the calls it makes are allowed
	 */
	public boolean allowsTransaction(@Nullable String transactionName, @Nullable ClassLoader loader) {
		return transactionHas(AllowConnectionHeldAcrossRemoteCall.class, transactionName, loader);
	}

	private boolean transactionHas(Class<? extends Annotation> annotation, @Nullable String transactionName,
			@Nullable ClassLoader loader) {
		if (transactionName == null) {
			return false;
		}
		int dot = transactionName.lastIndexOf('.');
		return dot > 0 && isAnnotated(annotation, transactionName.substring(0, dot), transactionName.substring(dot + 1),
				loader);
	}

	private boolean isAnnotated(Class<? extends Annotation> annotation, String className, String methodName,
			@Nullable ClassLoader loader) {
		String method = lambdaHost(methodName);
		return this.annotated.computeIfAbsent(annotation.getSimpleName() + '@' + className + '#' + method,
				(key) -> lookUp(annotation, className, method, loader));
	}

	// lambda$build$0 is code written inside build()
	private static String lambdaHost(String methodName) {
		if (methodName.startsWith("lambda$")) {
			int end = methodName.indexOf('$', 7);
			return (end > 7) ? methodName.substring(7, end) : methodName;
		}
		return methodName;
	}

	private static boolean lookUp(Class<? extends Annotation> annotation, String className, String methodName,
			@Nullable ClassLoader loader) {
		Class<?> type;
		try {
			type = ClassUtils.forName(className, loader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
		if (AnnotatedElementUtils.hasAnnotation(type, annotation)) {
			return true;
		}
		for (Method method : type.getDeclaredMethods()) {
			if (method.getName().equals(methodName) && AnnotatedElementUtils.hasAnnotation(method, annotation)) {
				return true;
			}
		}
		return false;
	}

}
