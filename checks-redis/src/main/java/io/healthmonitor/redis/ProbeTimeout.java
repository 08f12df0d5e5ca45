package io.healthmonitor.redis;

import java.io.Serial;
import java.util.concurrent.TimeoutException;

/**
 * A probe's own bound ran out; the message says what was missing and how long the probe waited for
 * it ("no PONG from Redis at db:6379 within 1400 ms"), and becomes the result's message as it is.
 */
final class ProbeTimeout extends TimeoutException {

    @Serial
    private static final long serialVersionUID = 1L;

    ProbeTimeout(String message) {
        super(message);
    }

    ProbeTimeout(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
