package io.github.poolpilot.lease;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallSitesTests {

	@Test
	void firstApplicationFrameSkipsFrameworkAndProxies() {
		StackTraceElement[] stack = {
				new StackTraceElement("java.net.SocketInputStream", "read", "SocketInputStream.java", 10),
				new StackTraceElement("org.apache.http.impl.client.CloseableHttpClient", "execute", null, 5),
				new StackTraceElement("com.example.ci.BuildService$$SpringCGLIB$$0", "build", null, -1),
				new StackTraceElement("com.example.ci.BuildService", "build", "BuildService.java", 42),
				new StackTraceElement("com.example.ci.BuildController", "post", "BuildController.java", 7) };
		StackTraceElement frame = CallSites.firstApplicationFrame(stack);
		assertThat(CallSites.format(frame)).isEqualTo("BuildService.build(BuildService.java:42)");
		assertThat(CallSites.methodName(frame)).isEqualTo("BuildService.build()");
	}

	@Test
	void poolPilotRuntimeIsSkippedButItsOtherPackagesAreNot() {
		assertThat(CallSites.isApplication(new StackTraceElement("io.github.poolpilot.guard.Guard", "check", null, 1)))
			.isFalse();
		assertThat(CallSites
			.isApplication(new StackTraceElement("io.github.poolpilot.sample.BuildService", "build", null, 1)))
			.isTrue();
	}

	@Test
	void lambdaIsNamedForTheMethodItIsWrittenIn() {
		assertThat(CallSites.format(
				new StackTraceElement("com.example.ci.BuildController", "lambda$build$1", "BuildController.java", 44)))
			.isEqualTo("BuildController.build(BuildController.java:44)");
		assertThat(CallSites.methodName(new StackTraceElement("com.example.ci.Jobs", "lambda$static$0", null, -1)))
			.isEqualTo("Jobs.lambda$static$0()");
	}

	@Test
	void stackOfOnlyFrameworkHasNoApplicationFrame() {
		StackTraceElement[] stack = { new StackTraceElement("java.lang.Thread", "run", "Thread.java", 1) };
		assertThat(CallSites.firstApplicationFrame(stack)).isNull();
		assertThat(CallSites.format(null)).isNull();
	}

}
