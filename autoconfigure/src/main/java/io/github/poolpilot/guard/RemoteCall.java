package io.github.poolpilot.guard;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * A remote call, or a blocking wait, that a detector saw on the current thread: what it
 * is, as a person reads it ({@code POST http://ci:8080/job/build}), the host it goes to
 * when known (for allow-listing), and which detector saw it. URIs lose their query
 * string, fragment and credentials here, before they reach any log, and a target longer
 * than {@link #MAX_TARGET} characters is cut.
 *
 * @param kind what kind of call or wait it is
 * @param target the call as a person reads it, credentials and query string stripped
 * @param host the host the call goes to, or {@code null} when unknown
 * @param detector the detector that saw it: {@code observation}, {@code interceptor},
 * {@code stall} or {@code direct}
 * @author Pool Pilot contributors
 */
public record RemoteCall(RemoteCallKind kind, String target, @Nullable String host, String detector) {

	/**
	 * Longest target kept: a URI is cut there, so that a generated path cannot bloat logs
	 * and the findings.
	 */
	static final int MAX_TARGET = 256;

	public RemoteCall {
		if (target.length() > MAX_TARGET) {
			target = target.substring(0, MAX_TARGET - 3) + "...";
		}
	}

	/**
	 * Describe an HTTP request.
	 * @param method the HTTP method
	 * @param uri the request URI
	 * @param detector the detector that saw it
	 * @return the call
	 */
	public static RemoteCall http(String method, URI uri, String detector) {
		return new RemoteCall(RemoteCallKind.HTTP, method + " " + strip(uri), uri.getHost(), detector);
	}

	/**
	 * Describe an HTTP request from its URL as text.
	 * @param method the HTTP method
	 * @param url the request URL
	 * @param detector the detector that saw it
	 * @return the call
	 */
	public static RemoteCall http(String method, String url, String detector) {
		try {
			return http(method, new URI(url), detector);
		}
		catch (URISyntaxException ex) {
			return new RemoteCall(RemoteCallKind.HTTP, method + " " + stripText(url), null, detector);
		}
	}

	/**
	 * Return a URI as scheme, host, port and path only.
	 * @param uri the URI
	 * @return the URI without user info, query string and fragment
	 */
	static String strip(URI uri) {
		if (uri.getHost() == null) {
			return stripText(uri.toString());
		}
		StringBuilder text = new StringBuilder();
		if (uri.getScheme() != null) {
			text.append(uri.getScheme()).append("://");
		}
		text.append(uri.getHost());
		if (uri.getPort() >= 0) {
			text.append(':').append(uri.getPort());
		}
		String path = uri.getRawPath();
		text.append((path != null) ? path : "");
		return text.toString();
	}

	private static String stripText(String url) {
		String text = url;
		int query = text.indexOf('?');
		if (query >= 0) {
			text = text.substring(0, query);
		}
		int fragment = text.indexOf('#');
		if (fragment >= 0) {
			text = text.substring(0, fragment);
		}
		// scheme://user:secret@host -> scheme://host
		return text.replaceFirst("//[^/@]*@", "//");
	}

}
