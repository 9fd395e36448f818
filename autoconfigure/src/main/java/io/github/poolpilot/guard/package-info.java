/**
 * The transaction-scope guard: names every remote call made while a transaction holds a
 * pooled connection.
 */
@NullMarked
package io.github.poolpilot.guard;

import org.jspecify.annotations.NullMarked;
