/**
 * The connection budget shared by the replicas of a service, coordinated through the
 * database they pool.
 */
@NullMarked
package io.github.poolpilot.fleet;

import org.jspecify.annotations.NullMarked;
