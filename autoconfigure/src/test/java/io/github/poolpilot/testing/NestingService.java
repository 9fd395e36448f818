package io.github.poolpilot.testing;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.github.poolpilot.guard.AllowNestedConnection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Application code that borrows a second connection of the pool its transaction holds one
 * of: with a plain {@code getConnection()}, with a {@code TransactionTemplate} of a new
 * transaction, and once on purpose.
 */
public class NestingService {

	private final JdbcTemplate jdbcTemplate;

	private final DataSource dataSource;

	private final TransactionTemplate requiresNew;

	public NestingService(JdbcTemplate jdbcTemplate, DataSource dataSource,
			PlatformTransactionManager transactionManager) {
		this.jdbcTemplate = jdbcTemplate;
		this.dataSource = dataSource;
		this.requiresNew = new TransactionTemplate(transactionManager);
		this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.requiresNew.setName("NestingService.recordOutcome");
	}

	@Transactional
	public void buildWithSecondConnection() throws SQLException {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		try (Connection second = this.dataSource.getConnection()) {
			second.createStatement().execute("select 1");
		}
	}

	@Transactional
	public void buildWithTemplateOfItsOwn() {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		this.requiresNew.executeWithoutResult((status) -> this.jdbcTemplate.queryForObject("select 2", Integer.class));
	}

	@Transactional
	@AllowNestedConnection("the pool has a connection per request thread plus one")
	public void buildWithIntendedNesting() {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		this.requiresNew.executeWithoutResult((status) -> this.jdbcTemplate.queryForObject("select 2", Integer.class));
	}

	public void buildWithoutTransaction() throws SQLException {
		try (Connection first = this.dataSource.getConnection()) {
			first.createStatement().execute("select 1");
		}
		this.requiresNew.executeWithoutResult((status) -> this.jdbcTemplate.queryForObject("select 2", Integer.class));
	}

}
