/**
 * Health checks for NATS on the jnats client, and health events published to NATS.
 *
 * <ul>
 *   <li>{@link io.healthmonitor.nats.NatsConnectionHealthCheck}: the application's own
 *       {@code io.nats.client.Connection}: state, lame-duck mode and a ping round trip;</li>
 *   <li>{@link io.healthmonitor.nats.JetStreamHealthCheck}: JetStream reachable, streams present,
 *       consumers not lagging;</li>
 *   <li>{@link io.healthmonitor.nats.NatsServerHealthCheck}: the server's HTTP monitoring endpoint;</li>
 *   <li>{@link io.healthmonitor.nats.NatsHealthEventPublisher}: status changes and report
 *       snapshots as JSON events on NATS subjects;</li>
 *   <li>{@link io.healthmonitor.nats.NatsConnectionLogging}: jnats listeners for the application's
 *       connection options that log the client's errors and state changes through slf4j, once per change.</li>
 * </ul>
 *
 * <p>The jnats client is an optional dependency: the application brings it and owns its
 * connections. Nothing here opens or closes a NATS connection.
 */
package io.healthmonitor.nats;
