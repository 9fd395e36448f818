/**
 * Measured load of each pool: one lock-free recorder on the connection path, and the
 * interval and recent-window figures that sizing, the endpoint and the meters read from
 * it.
 */
@NullMarked
package io.github.poolpilot.load;

import org.jspecify.annotations.NullMarked;
