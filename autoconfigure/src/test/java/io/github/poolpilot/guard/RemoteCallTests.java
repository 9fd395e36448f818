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
	void veryLongUriIsCutToABoundedLength() {
		String path = "/job/" + "x".repeat(100_000);
		RemoteCall call = RemoteCall.http("POST", URI.create("http://admin:s3cret@ci:8080" + path + "?token=abc"),
				"direct");
		assertThat(call.target()).startsWith("POST http://ci:8080/job/xxx")
			.endsWith("...")
			.hasSize(RemoteCall.MAX_TARGET);
		RemoteCall text = RemoteCall.http("GET", "http://user:pw@ci:8080/a b/" + "y".repeat(100_000) + "?token=abc",
				"direct");
		assertThat(text.target()).startsWith("GET http://ci:8080/a b/yyy")
			.hasSize(RemoteCall.MAX_TARGET)
			.doesNotContain("pw");
	}

	@Test
	void unparsableUrlIsStrippedAsText() {
		RemoteCall call = RemoteCall.http("GET", "http://user:pw@ci:8080/job/a b?token=abc", "direct");
		assertThat(call.target()).isEqualTo("GET http://ci:8080/job/a b");
		assertThat(call.host()).isNull();
	}

}
