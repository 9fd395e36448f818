package io.github.poolpilot.guard;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How remote calls are described: no query string, fragment or credentials.
 */
class RemoteCallTests {

	@Test
	void httpCallLosesQueryFragmentAndCredentials() {
		RemoteCall call = RemoteCall.http("POST", URI.create("http://admin:s3cret@ci:8080/job/build?token=abc#top"),
				"direct");
		assertThat(call.target()).isEqualTo("POST http://ci:8080/job/build");
		assertThat(call.host()).isEqualTo("ci");
		assertThat(call.kind()).isEqualTo(RemoteCallKind.HTTP);
	}

	@Test
	void unparsableUrlIsStrippedAsText() {
		RemoteCall call = RemoteCall.http("GET", "http://user:pw@ci:8080/job/a b?token=abc", "direct");
		assertThat(call.target()).isEqualTo("GET http://ci:8080/job/a b");
		assertThat(call.host()).isNull();
	}

}
