/**
 * Who holds which pooled connection, since when, in which transaction, and what the
 * holding thread is doing.
 */
@NullMarked
package io.github.poolpilot.lease;

import org.jspecify.annotations.NullMarked;
