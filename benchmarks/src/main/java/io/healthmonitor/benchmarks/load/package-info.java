/**
 * Load scenarios run by hand (see docs/benchmarks.md): {@link io.healthmonitor.benchmarks.load.LoadServer}
 * for {@code wrk}, {@link io.healthmonitor.benchmarks.load.MemoryProbe} for heap after full GC.
 */
package io.healthmonitor.benchmarks.load;
