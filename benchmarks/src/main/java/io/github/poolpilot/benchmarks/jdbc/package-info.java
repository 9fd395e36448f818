/**
 * A JDBC driver whose connections, statements and result sets do nothing, so that
 * benchmarks measure pools.
 */
@NullMarked
package io.github.poolpilot.benchmarks.jdbc;

import org.jspecify.annotations.NullMarked;
