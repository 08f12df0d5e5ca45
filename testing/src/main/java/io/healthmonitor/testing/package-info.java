/**
 * Test support for Health Monitor users and checks modules: a TCP {@link io.healthmonitor.testing.FaultProxy}
 * for latency, blackholes and resets, and the {@link io.healthmonitor.testing.HealthCheckContract} every check keeps.
 */
package io.healthmonitor.testing;
