/**
 * Health checks for Redis on the Lettuce client, standalone and cluster.
 *
 * <ul>
 *   <li>{@link io.healthmonitor.redis.RedisHealthCheck}: a standalone Redis (master or replica):
 *       a {@code PING} round trip and what {@code INFO} says about memory, clients and
 *       replication;</li>
 *   <li>{@link io.healthmonitor.redis.RedisClusterHealthCheck}: a Redis Cluster: a {@code PING}
 *       round trip and {@code CLUSTER INFO} (state, slots, nodes).</li>
 * </ul>
 *
 * <p>Both are {@link io.healthmonitor.AsyncHealthCheck}s: Lettuce is non-blocking, so a probe
 * holds no thread while it waits for Redis. Lettuce is an optional dependency: the application
 * brings it. A check either wraps a connection the application owns, and then never closes it,
 * or keeps one long-lived connection of its own made from the application's client, and then
 * closes only that connection when the check is closed.
 */
package io.healthmonitor.redis;
