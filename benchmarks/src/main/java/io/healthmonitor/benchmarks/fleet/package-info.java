/** The fleet module at scale: many simulated instances publishing into one bucket; see docs/benchmarks.md. */
package io.healthmonitor.benchmarks.fleet;
