package io.github.poolpilot.hikari;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTests {

	@Test
	void queryPasswordIsMasked() {
		String masked = JdbcUrls.mask("jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true");
		assertThat(masked).doesNotContain("s3cret")
			.isEqualTo("jdbc:postgresql://db:5432/app?user=app&password=****&ssl=true");
	}

	@Test
	void semicolonPasswordIsMasked() {
		String masked = JdbcUrls.mask("jdbc:sqlserver://db:1433;user=app;password=s3cret;encrypt=true");
		assertThat(masked).doesNotContain("s3cret")
			.isEqualTo("jdbc:sqlserver://db:1433;user=app;password=****;encrypt=true");
	}

	@Test
	void authorityPasswordIsMasked() {
		String masked = JdbcUrls.mask("jdbc:mysql://app:s3cret@db:3306/app");
		assertThat(masked).doesNotContain("s3cret").isEqualTo("jdbc:mysql://app:****@db:3306/app");
	}

	@Test
	void oracleThinPasswordIsMasked() {
		assertThat(JdbcUrls.mask("jdbc:oracle:thin:scott/s3cret@db:1521/svc")).doesNotContain("s3cret")
			.contains("scott/****@db");
	}

	@Test
	void urlQuotedInsideAMessageIsMasked() {
		String masked = JdbcUrls.mask("Cannot connect to jdbc:mariadb://root:s3cret@db/app (refused); "
				+ "jdbc:h2:mem:x;USER=sa;PASSWORD=s3cret");
		assertThat(masked).doesNotContain("s3cret");
	}

	@Test
	void knownPasswordIsMaskedAnywhere() {
		assertThat(JdbcUrls.mask("FATAL: role rejected password s3cret-pw", "s3cret-pw")).doesNotContain("s3cret-pw");
	}

	@Test
	void textWithoutCredentialsIsUnchanged() {
		String url = "jdbc:postgresql://db:5432/app?ssl=true&ApplicationName=x";
		assertThat(JdbcUrls.mask(url)).isSameAs(url);
		assertThat(JdbcUrls.mask(null)).isEmpty();
	}

}
