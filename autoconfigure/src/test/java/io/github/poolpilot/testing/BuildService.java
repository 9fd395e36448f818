package io.github.poolpilot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;

import io.github.poolpilot.guard.AllowConnectionHeldAcrossRemoteCall;
import io.github.poolpilot.guard.ConnectionGuard;
import io.github.poolpilot.guard.RemoteCall;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The incident in miniature, as application code: {@code @Transactional} methods that use
 * the database and then call a CI server over HTTP with various clients. Lives outside
 * Pool Pilot's runtime packages so that its frames count as the application's.
 */
public class BuildService {

	private final JdbcTemplate jdbcTemplate;

	public BuildService(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	@Transactional
	public void build(RestClient client, URI uri) {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		client.post().uri(uri).retrieve().toBodilessEntity();
	}

	@Transactional
	public void buildWithRestTemplate(RestTemplate restTemplate, URI uri) {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		restTemplate.postForEntity(uri, null, String.class);
	}

	@Transactional
	public void buildWithUrlConnection(URI uri) {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		try {
			HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
			connection.setRequestMethod("POST");
			try (InputStream in = connection.getInputStream()) {
				in.readAllBytes();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Transactional
	public void buildWithApacheHttpClient(CloseableHttpClient client, URI uri) {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		try {
			EntityUtils.consume(client.execute(new HttpPost(uri)).getEntity());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Transactional
	public void buildWithSlowQuery() {
		this.jdbcTemplate.queryForObject("select 1 from pg_sleep(0.8)", Integer.class);
	}

	@Transactional(readOnly = true)
	public void lookUp(RestClient client, URI uri) {
		client.get().uri(uri).retrieve().toBodilessEntity();
	}

	@Transactional
	@AllowConnectionHeldAcrossRemoteCall("the CI server is on the same host and answers in microseconds")
	public void allowedBuild(RestClient client, URI uri) {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		client.post().uri(uri).retrieve().toBodilessEntity();
	}

	public void buildOutsideTransaction(RestClient client, URI uri) {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		client.post().uri(uri).retrieve().toBodilessEntity();
	}

	@Transactional
	public void buildAndRecord(RestClient client, URI uri) {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		client.post().uri(uri).retrieve().toBodilessEntity();
		this.jdbcTemplate.update("select 2");
	}

	@Transactional
	public void buildAndMark(RestClient client, URI uri) {
		// a write: MariaDB counts a transaction as open only once it touched a table
		this.jdbcTemplate.update("insert into builds (status) values ('started')");
		client.post().uri(uri).retrieve().toBodilessEntity();
		this.jdbcTemplate.update("update builds set status = 'done'");
	}

	@Transactional
	public void checkMany(ConnectionGuard guard, RemoteCall call, int times) {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		for (int i = 0; i < times; i++) {
			guard.check(call);
		}
	}

}
