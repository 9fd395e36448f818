package io.github.poolpilot.guard;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * Sees every client and producer call that reports an Observation ({@link SenderContext}:
 * RestClient, RestTemplate, WebClient, HTTP interface clients, gRPC, Kafka and Rabbit
 * producers...) and checks it in {@link #onStart}, before the request leaves the process:
 * in strict mode the exception thrown there propagates out of {@code Observation.start()}
 * and the request is never sent. When the call ends, its duration is added to the pool's
 * remote wait. While the scope of a reported call is open, the
 * {@link GuardClientHttpRequestInterceptor} stays quiet about the same call.
 *
 * @author Pool Pilot contributors
 */
public class GuardObservationHandler implements ObservationHandler<Observation.Context> {

	static final String DETECTOR = "observation";

	private final ConnectionGuard guard;

	/**
	 * Create a handler.
	 * @param guard the guard
	 */
	public GuardObservationHandler(ConnectionGuard guard) {
		this.guard = guard;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof SenderContext;
	}

	@Override
	public void onStart(Observation.Context context) {
		if (!this.guard.holdsConnectionInTransaction()) {
			return;
		}
		Violation violation = this.guard.check(remoteCall((SenderContext<?>) context));
		if (violation != null) {
			context.put(Reported.class, new Reported(violation, System.nanoTime(), Thread.currentThread()));
		}
	}

	@Override
	public void onScopeOpened(Observation.Context context) {
		Reported reported = context.get(Reported.class);
		if (reported != null) {
			this.guard.enterReportedScope(reported);
		}
	}

	@Override
	public void onScopeClosed(Observation.Context context) {
		Reported reported = context.get(Reported.class);
		if (reported != null) {
			this.guard.exitReportedScope(reported);
		}
	}

	@Override
	public void onStop(Observation.Context context) {
		Reported reported = context.get(Reported.class);
		if (reported != null) {
			// a handler that failed after this one when the scope opened leaves it open:
			// end it with the call
			this.guard.exitReportedScope(reported);
			this.guard.callEnded(reported.violation(), System.nanoTime() - reported.startNanos(), reported.thread());
		}
	}

	static RemoteCall remoteCall(SenderContext<?> context) {
		String url = value(context.getHighCardinalityKeyValue("http.url"));
		if (url != null) {
			String method = value(context.getLowCardinalityKeyValue("method"));
			return RemoteCall.http((method != null) ? method : "HTTP", url, DETECTOR);
		}
		RemoteCallKind kind = (context.getKind() == Kind.PRODUCER) ? RemoteCallKind.MESSAGING : RemoteCallKind.RPC;
		String service = context.getRemoteServiceName();
		String address = context.getRemoteServiceAddress();
		String name = (context.getContextualName() != null) ? context.getContextualName() : context.getName();
		StringBuilder target = new StringBuilder((name != null) ? name : kind.tag());
		if (service != null) {
			target.append(" to ").append(service);
		}
		String host = null;
		if (address != null) {
			String stripped = RemoteCall.http("", address, DETECTOR).target().trim();
			target.append((service != null) ? " at " : " to ").append(stripped);
			host = RemoteCall.http("", address, DETECTOR).host();
		}
		return new RemoteCall(kind, target.toString(), (host != null) ? host : service, DETECTOR);
	}

	private static @Nullable String value(@Nullable KeyValue keyValue) {
		return (keyValue != null && !KeyValue.NONE_VALUE.equals(keyValue.getValue())) ? keyValue.getValue() : null;
	}

	/**
	 * A call this handler reported, kept in the observation's context until it stops.
	 */
	private record Reported(Violation violation, long startNanos, Thread thread) {

	}

}
