package io.github.poolpilot.guard;

import java.sql.Connection;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.testing.NestingService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nested acquisitions on plain JDBC against real PostgreSQL: a second
 * {@code getConnection()} and a {@code TransactionTemplate} of a new transaction inside a
 * transaction, an intended nesting, and borrows that do not nest.
 */
@ExtendWith(OutputCaptureExtension.class)
class NestedAcquisitionTests {

	private final ApplicationContextRunner contextRunner = GuardContexts.withoutHttp()
		.withBean(NestingService.class)
		.withPropertyValues("poolpilot.guard.stall-detection.enabled=false");

	@Test
	void secondGetConnectionInsideTransactionIsReportedWithItsCallSite(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			context.getBean(NestingService.class).buildWithSecondConnection();
			Violation violation = onlyViolation(context.getBean(GuardFindings.class));
			assertThat(violation.call().kind()).isEqualTo(RemoteCallKind.NESTED_ACQUIRE);
			assertThat(violation.call().detector()).isEqualTo("datasource");
			assertThat(violation.callSite())
				.startsWith("NestingService.buildWithSecondConnection(NestingService.java:");
			assertThat(output).containsPattern("dataSource - NestingService\\.buildWithSecondConnection\\(\\) holds a "
					+ "connection and borrows a second one from the same pool for DataSource\\.getConnection\\(\\) "
					+ "\\(held \\d+ ms, at NestingService\\.java:\\d+; active=1/2, waiting=0\\)\\.");
		});
	}

	@Test
	void transactionTemplateOfANewTransactionIsReportedWithBothTransactions() {
		this.contextRunner.run((context) -> {
			context.getBean(NestingService.class).buildWithTemplateOfItsOwn();
			Violation violation = onlyViolation(context.getBean(GuardFindings.class));
			assertThat(violation.transaction()).isEqualTo("NestingService.buildWithTemplateOfItsOwn()");
			assertThat(violation.call().target()).isEqualTo("new transaction NestingService.recordOutcome()");
			assertThat(violation.callSite())
				.startsWith("NestingService.buildWithTemplateOfItsOwn(NestingService.java:");
		});
	}

	@Test
	void connectionClosedBeforeANewTransactionIsNoNesting() {
		this.contextRunner.run((context) -> {
			context.getBean(NestingService.class).buildWithoutTransaction();
			// the plain connection was closed before the template began: nothing nests
			assertThat(context.getBean(GuardFindings.class).violationCount()).isZero();
		});
	}

	@Test
	void severalConnectionsHeldOutsideAnyTransactionAreNotReported() {
		this.contextRunner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
				assertThat(second).isNotSameAs(first);
			}
			assertThat(context.getBean(GuardFindings.class).violationCount()).isZero();
		});
	}

	@Test
	void intendedNestingIsNotReported() {
		this.contextRunner.run((context) -> {
			context.getBean(NestingService.class).buildWithIntendedNesting();
			assertThat(context.getBean(GuardFindings.class).violationCount()).isZero();
		});
	}

	@Test
	void poolBeanStaysAHikariDataSourceAndUnwrapsToThePool() {
		this.contextRunner.run((context) -> {
			HikariDataSource bean = context.getBean(HikariDataSource.class);
			assertThat(bean).isInstanceOf(GuardedHikariDataSource.class);
			assertThat(bean.getMaximumPoolSize()).isEqualTo(2);
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class)).isOne();
			assertThat(context.getBean(GuardFindings.class).violationCount()).isZero();
		});
	}

	@Test
	void switchedOffLeavesThePoolBeanAlone() {
		this.contextRunner.withPropertyValues("poolpilot.guard.nested-acquire.enabled=false").run((context) -> {
			assertThat(context.getBean(HikariDataSource.class)).isNotInstanceOf(GuardedHikariDataSource.class);
			context.getBean(NestingService.class).buildWithSecondConnection();
			assertThat(context.getBean(GuardFindings.class).violationCount()).isZero();
		});
	}

	private static Violation onlyViolation(GuardFindings findings) {
		assertThat(findings.recentViolations()).hasSize(1);
		return findings.recentViolations().get(0);
	}

}
