package io.github.poolpilot.testing;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

import reactor.core.scheduler.Schedulers;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The incident with a reactive HTTP client and a Kafka producer: {@code @Transactional}
 * methods that use the database and then call WebClient or send a record.
 */
public class ReactiveBuildService {

	private final JdbcTemplate jdbcTemplate;

	public ReactiveBuildService(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	@Transactional
	public void buildWithWebClientBlock(WebClient client, URI uri) {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		client.post().uri(uri).retrieve().toBodilessEntity().block();
	}

	@Transactional
	public CompletableFuture<ResponseEntity<Void>> buildWithWebClientFuture(WebClient client, URI uri) {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		// subscribed here: the exchange's observation starts on this thread
		return client.post().uri(uri).retrieve().toBodilessEntity().toFuture();
	}

	@Transactional
	public void buildWithWebClientOnAnotherThread(WebClient client, URI uri) {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		client.post().uri(uri).retrieve().toBodilessEntity().subscribeOn(Schedulers.boundedElastic()).block();
	}

	@Transactional
	public SendResult<String, String> buildAndPublish(KafkaTemplate<String, String> kafka, String topic)
			throws Exception {
		this.jdbcTemplate.queryForObject("select 1", Integer.class);
		return kafka.send(topic, "build", "done").get();
	}

}
