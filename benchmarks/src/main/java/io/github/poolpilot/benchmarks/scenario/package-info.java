/**
 * Load scenarios: static pools, FlexyPool and Pool Pilot's adaptive sizing driven at
 * fixed arrival rates against a real PostgreSQL, with tables, CSV, JSON and plots of what
 * each pool did.
 */
@NullMarked
package io.github.poolpilot.benchmarks.scenario;

import org.jspecify.annotations.NullMarked;
