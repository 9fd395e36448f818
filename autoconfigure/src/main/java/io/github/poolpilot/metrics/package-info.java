/**
 * Measured load of each pool over a recent window, and the Micrometer meters
 * ({@code poolpilot.*}) built on it.
 */
@NullMarked
package io.github.poolpilot.metrics;

import org.jspecify.annotations.NullMarked;
