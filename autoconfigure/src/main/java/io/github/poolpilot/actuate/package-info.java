/**
 * The {@code pool} actuator endpoint and its immutable response records.
 */
@NullMarked
package io.github.poolpilot.actuate;

import org.jspecify.annotations.NullMarked;
