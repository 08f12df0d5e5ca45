package io.healthmonitor.redis;

import org.slf4j.Logger;

/**
 * Logs what happens to a connection a check owns, once per change of state: the first failure to
 * connect or the loss of the connection at {@code WARN}, the recovery at {@code INFO}; every further
 * failed attempt of the same outage at {@code DEBUG} only. The connection is made again at the
 * check's probes, so without this class an outage would show only in the check's results.
 *
 * <p>Texts name {@code host:port} and classified failures (passed through the redactor), never a
 * URI with its credentials. Thread-safe: one small lock around the state.
 */
final class ConnectionStateLog {

    private enum State { NEW, CONNECTED, LOST, DOWN }

    private final Logger log;
    private final String where;
    private State state = State.NEW;
    private long downSinceNanos;
    private int failedAttempts;

    /**
     * @param log   the logger, named after the public check class
     * @param where how the server is named, such as {@code Redis at db:6379}
     */
    ConnectionStateLog(Logger log, String where) {
        this.log = log;
        this.where = where;
    }

    /** A connection attempt made by the check {@code name} succeeded. */
    synchronized void connected(String name) {
        switch (state) {
            case NEW -> log.debug("health check '{}' connected to {}", name, where);
            case LOST -> log.info("health check '{}' reconnected to {} after its connection was closed", name, where);
            case DOWN -> log.info("health check '{}' connected to {} again after {} ms and {} failed attempts", name, where,
                    RedisFailure.millis(System.nanoTime() - downSinceNanos), failedAttempts);
            case CONNECTED -> {
                // a connection attempt only starts without a usable connection: nothing changed
            }
        }
        state = State.CONNECTED;
        failedAttempts = 0;
    }

    /** The check found its connection closed and no longer usable; it connects again at once. */
    synchronized void lost() {
        if (state == State.CONNECTED) {
            state = State.LOST;
            downSinceNanos = System.nanoTime();
        }
    }

    /** A connection attempt made by the check {@code name} failed with {@code reason} (already classified and redacted). */
    synchronized void failed(String name, String reason) {
        failedAttempts++;
        switch (state) {
            case NEW, CONNECTED -> {
                downSinceNanos = System.nanoTime();
                log.warn("health check '{}' cannot connect to {}: {}; it tries again at each probe", name, where, reason);
            }
            case LOST -> log.warn("health check '{}' lost its connection to {} and cannot reconnect: {}; it tries again at"
                    + " each probe", name, where, reason);
            case DOWN -> log.debug("health check '{}' still cannot connect to {}: {}", name, where, reason);
        }
        state = State.DOWN;
    }
}
