package io.healthmonitor.jdbc;

import java.sql.Connection;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A pool the check can see: how to read it, how to borrow from it within a bound, and how to
 * evict a connection it lent (null when it cannot).
 */
record PoolBinding(PoolProbe probe, ConnectionSource source, @Nullable Consumer<Connection> evictor) {
}
