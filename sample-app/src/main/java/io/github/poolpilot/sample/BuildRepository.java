package io.github.poolpilot.sample;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores builds in the {@code build} table.
 *
 * @author Pool Pilot contributors
 */
@Repository
public class BuildRepository {

	private final JdbcClient jdbc;

	public BuildRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Record a new build of a job.
	 * @param job the job name
	 * @return the build's id
	 */
	public long create(String job) {
		this.jdbc.sql("insert into build (job, status) values (?, 'QUEUED')").param(job).update();
		return this.jdbc.sql("select max(id) from build where job = ?").param(job).query(Long.class).single();
	}

	/**
	 * Set a build's status.
	 * @param id the build
	 * @param status the new status
	 */
	public void updateStatus(long id, String status) {
		this.jdbc.sql("update build set status = ? where id = ?").params(status, id).update();
	}

	/**
	 * Return the most recent builds.
	 * @param limit how many
	 * @return the builds, newest first
	 */
	public List<Build> recent(int limit) {
		return this.jdbc.sql("select id, job, status from build order by id desc limit ?")
			.param(limit)
			.query(Build.class)
			.list();
	}

	/**
	 * A build of a job.
	 *
	 * @param id the build id
	 * @param job the job name
	 * @param status its status
	 */
	public record Build(long id, String job, String status) {

	}

}
