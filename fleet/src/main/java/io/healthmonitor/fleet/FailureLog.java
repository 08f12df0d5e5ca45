package io.healthmonitor.fleet;

import io.healthmonitor.Redactor;
import org.slf4j.Logger;

/**
 * Logs a failing operation once when it starts failing and once when it works again, never on every
 * attempt: while NATS is down a write (a heartbeat's, a retry's) or a watch fails every few
 * seconds, and that is one event, not a log line per attempt. Thread-safe.
 */
final class FailureLog {

    private final Logger log;
    private final String what;
    private boolean failing;

    FailureLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    synchronized void failed(Exception e) {
        if (!failing) {
            failing = true;
            log.warn("{} failed, and will be retried quietly until it works again: {}", what, describe(e));
        }
    }

    synchronized void succeeded() {
        if (failing) {
            failing = false;
            log.info("{} works again", what);
        }
    }

    synchronized boolean failing() {
        return failing;
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + Redactor.redact(String.valueOf(e.getMessage()));
    }
}
