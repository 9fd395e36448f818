/**
 * Tuning of a {@code HikariDataSource} before its pool starts, the database facts it is
 * checked against, and the startup advice.
 */
@NullMarked
package io.github.poolpilot.hikari;

import org.jspecify.annotations.NullMarked;
