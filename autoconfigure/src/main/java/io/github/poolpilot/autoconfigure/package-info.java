/**
 * Wiring only: the auto-configuration classes, their configuration properties and failure
 * analysis.
 */
@NullMarked
package io.github.poolpilot.autoconfigure;

import org.jspecify.annotations.NullMarked;
