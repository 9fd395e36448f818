package io.github.poolpilot.guard;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Checks every RestClient and RestTemplate request before it is sent, for applications
 * without an {@code ObservationRegistry}. When a {@link GuardObservationHandler} already
 * reported the same call (its scope is open on this thread), it stays quiet. In strict
 * mode the exception propagates out of the client before the request is executed. The
 * time until the response arrives is added to the pool's remote wait.
 *
 * @author Pool Pilot contributors
 */
public class GuardClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	static final String DETECTOR = "interceptor";

	private final ConnectionGuard guard;

	/**
	 * Create an interceptor.
	 * @param guard the guard
	 */
	public GuardClientHttpRequestInterceptor(ConnectionGuard guard) {
		this.guard = guard;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!this.guard.holdsConnectionInTransaction() || this.guard.inReportedScope()) {
			return execution.execute(request, body);
		}
		Violation violation = this.guard.check(RemoteCall.http(request.getMethod().name(), request.getURI(), DETECTOR));
		if (violation == null) {
			return execution.execute(request, body);
		}
		long start = System.nanoTime();
		try {
			return execution.execute(request, body);
		}
		finally {
			this.guard.callEnded(violation, System.nanoTime() - start);
		}
	}

}
