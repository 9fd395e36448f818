package io.github.poolpilot.guard;

import java.util.List;

import io.github.poolpilot.testing.BuildService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Host patterns and the annotation, looked up by the names a stack or a transaction
 * gives.
 */
class AllowListTests {

	private final AllowList allowList = new AllowList(List.of("*.internal", "LocalHost"));

	@Test
	void hostPatternsMatchWholeHostsIgnoringCase() {
		assertThat(this.allowList.allowsHost("ci.internal")).isTrue();
		assertThat(this.allowList.allowsHost("localhost")).isTrue();
		assertThat(this.allowList.allowsHost("ci.internal.example.com")).isFalse();
		assertThat(this.allowList.allowsHost(null)).isFalse();
	}

	@Test
	void annotatedMethodIsFoundFromAFrameALambdaOrATransactionName() {
		ClassLoader loader = getClass().getClassLoader();
		String type = BuildService.class.getName();
		assertThat(this.allowList.allowsStack(
				new StackTraceElement[] { new StackTraceElement(type, "allowedBuild", "BuildService.java", 1) },
				loader))
			.isTrue();
		assertThat(
				this.allowList
					.allowsStack(
							new StackTraceElement[] {
									new StackTraceElement(type, "lambda$allowedBuild$0", "BuildService.java", 1) },
							loader))
			.isTrue();
		assertThat(this.allowList.allowsStack(
				new StackTraceElement[] { new StackTraceElement(type, "build", "BuildService.java", 1) }, loader))
			.isFalse();
		assertThat(this.allowList.allowsTransaction(type + ".allowedBuild", loader)).isTrue();
		assertThat(this.allowList.allowsTransaction(type + ".build", loader)).isFalse();
		assertThat(this.allowList.allowsTransaction("no.such.Type.method", loader)).isFalse();
	}

}
