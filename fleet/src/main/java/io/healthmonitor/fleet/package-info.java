/**
 * Every instance's health in one view over NATS JetStream: {@link io.healthmonitor.fleet.FleetPublisher}
 * writes each instance's report summary into a key-value bucket, {@link io.healthmonitor.fleet.FleetView}
 * watches the bucket and {@link io.healthmonitor.fleet.FleetEndpoint} serves it at {@code /health/fleet}.
 *
 * <p>The jnats client is an optional dependency: the application brings it and owns its
 * connection. Nothing here opens or closes a NATS connection.
 */
package io.healthmonitor.fleet;
