package io.github.poolpilot.guard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tells the guard that a method, or every method of a class, may hold a connection across
 * a remote call on purpose. The guard looks for it on every application frame of the
 * calling stack and on the transaction's own method, so annotating either the method that
 * makes the call or the {@code @Transactional} method works.
 *
 * @author Pool Pilot contributors
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface AllowConnectionHeldAcrossRemoteCall {

	/**
	 * Why holding the connection is acceptable here, for the next reader.
	 * @return the reason
	 */
	String value() default "";

}
