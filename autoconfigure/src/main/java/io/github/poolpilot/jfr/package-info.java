/**
 * JDK Flight Recorder events of Pool Pilot, in the category "Pool Pilot".
 */
@NullMarked
package io.github.poolpilot.jfr;

import org.jspecify.annotations.NullMarked;
