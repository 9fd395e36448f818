package io.github.poolpilot.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class or method against the {@link MariaDbServer shared MariaDB server}
 * when the server is installed. Without it the test is skipped, with one line saying how
 * to get it, except in CI ({@code CI=true}), where a missing server fails the build.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(MariaDbCondition.class)
public @interface EnabledWithMariaDb {

}
