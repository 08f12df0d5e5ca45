/** JMH benchmarks of Health Monitor, side by side with peer libraries; see docs/benchmarks.md. */
package io.healthmonitor.benchmarks;
