/**
 * Adaptive pool sizing: a pure policy that turns a pool's measured load into a size, and
 * the controller that samples each pool and applies the policy's decisions through
 * HikariCP's management beans.
 */
@NullMarked
package io.github.poolpilot.sizing;

import org.jspecify.annotations.NullMarked;
