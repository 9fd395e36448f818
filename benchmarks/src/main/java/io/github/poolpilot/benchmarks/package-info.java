/**
 * JMH benchmarks of what Pool Pilot adds to HikariCP's hot path, beside plain HikariCP
 * and the decorators users pick instead, and the runner that prints them as one table.
 */
@NullMarked
package io.github.poolpilot.benchmarks;

import org.jspecify.annotations.NullMarked;
