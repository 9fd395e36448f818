package io.github.poolpilot.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link PoolEndpoint}: over
 * HTTP a rejected change answers 400 with a JSON body that says what was wrong, whatever
 * {@code server.error.include-message} says, and a value that is not a number gets the
 * same treatment instead of the actuator's bare "parameter mapping failure". The read
 * operations are the endpoint's own.
 *
 * @author Pool Pilot contributors
 */
@EndpointWebExtension(endpoint = PoolEndpoint.class)
public class PoolEndpointWebExtension {

	private final PoolEndpoint delegate;

	/**
	 * Create an extension.
	 * @param delegate the endpoint
	 */
	public PoolEndpointWebExtension(PoolEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Resize a pool, soft-evict its idle connections, or both.
	 * @param pool the pool name
	 * @param maximumPoolSize the new maximum pool size, or {@code null} to keep it
	 * @param minimumIdle the new minimum number of idle connections, or {@code null} to
	 * keep it
	 * @param softEvict {@code true} to retire idle connections now
	 * @return 200 with the change, 400 with a {@link Rejection}, or 404 for an unknown
	 * pool
	 */
	@WriteOperation
	public WebEndpointResponse<Object> update(@Selector String pool, @Nullable String maximumPoolSize,
			@Nullable String minimumIdle, @Nullable String softEvict) {
		try {
			PoolChange change = this.delegate.update(pool, integer(pool, "maximumPoolSize", maximumPoolSize),
					integer(pool, "minimumIdle", minimumIdle), bool(pool, softEvict));
			return (change != null) ? new WebEndpointResponse<>(change)
					: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		catch (InvalidEndpointRequestException ex) {
			return new WebEndpointResponse<>(new Rejection(pool, String.valueOf(ex.getReason())),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
	}

	private static @Nullable Integer integer(String pool, String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			throw rejected(pool, name + " must be a whole number, not '" + value + "'");
		}
	}

	private static @Nullable Boolean bool(String pool, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return switch (value.trim()) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw rejected(pool, "softEvict must be true or false, not '" + value + "'");
		};
	}

	private static InvalidEndpointRequestException rejected(String pool, String reason) {
		String message = pool + " - " + reason + "; nothing was changed";
		return new InvalidEndpointRequestException(message, message);
	}

	/**
	 * Body of a 400 answer.
	 *
	 * @param pool the pool the request named
	 * @param message what was wrong; nothing was changed
	 */
	public record Rejection(String pool, String message) {

	}

}
