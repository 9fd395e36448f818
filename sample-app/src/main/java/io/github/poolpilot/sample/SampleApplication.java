package io.github.poolpilot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A build platform in miniature: builds are stored in an embedded H2 database through a
 * HikariCP pool that Pool Pilot tunes and checks at startup.
 *
 * @author Pool Pilot contributors
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
