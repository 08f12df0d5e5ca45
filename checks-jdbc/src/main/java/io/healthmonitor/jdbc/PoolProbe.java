package io.healthmonitor.jdbc;

import org.jspecify.annotations.Nullable;

/** Reads a connection pool's state without borrowing from it. */
interface PoolProbe {

    /** The pool's name, for metric tags. */
    String name();

    /** The pool's current state, or null while the pool has not started. */
    @Nullable PoolState state();

    /** Why no connection can be borrowed at all (closed, suspended), or null when it can. */
    @Nullable String unavailable();
}
