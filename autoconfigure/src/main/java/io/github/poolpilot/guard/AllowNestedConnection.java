package io.github.poolpilot.guard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tells the guard that a method, or every method of a class, may borrow a second
 * connection from a pool while its thread holds one of it, on purpose: the pool is sized
 * for it. The guard looks for it on every application frame of the borrowing stack and on
 * the outer and inner transactions' methods, so annotating the outer
 * {@code @Transactional} method, the {@code REQUIRES_NEW} method or the code that calls
 * {@code getConnection()} works.
 *
 * @author Pool Pilot contributors
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface AllowNestedConnection {

	/**
	 * Why the nesting is safe here (how the pool is sized for it), for the next reader.
	 * @return the reason
	 */
	String value() default "";

}
