/**
 * A runnable application on embedded H2 that shows Pool Pilot at work.
 */
@NullMarked
package io.github.poolpilot.sample;

import org.jspecify.annotations.NullMarked;
