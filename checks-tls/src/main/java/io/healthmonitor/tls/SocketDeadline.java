package io.healthmonitor.tls;

import io.healthmonitor.internal.DaemonThreads;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a socket when its deadline passes. Socket timeouts bound each read, not a whole
 * handshake of several reads, and a server may answer byte by byte; closing the socket is the
 * only way to end a blocked handshake on time.
 *
 * <p>Alarms fire on the library's shared daemon scheduler: nothing for the user to shut down.
 */
final class SocketDeadline implements AutoCloseable {

    private final ScheduledFuture<?> alarm;
    private final AtomicBoolean fired = new AtomicBoolean();

    private SocketDeadline(Closeable socket, long delayNanos) {
        this.alarm = DaemonThreads.SCHEDULER.schedule(() -> {
            fired.set(true);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all we wanted; the blocked reader sees the failure
            }
        }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** Arms a deadline {@code delayNanos} from now for {@code socket}. */
    static SocketDeadline arm(Closeable socket, long delayNanos) {
        return new SocketDeadline(socket, delayNanos);
    }

    /** Whether the deadline passed and the socket was closed because of it. */
    boolean fired() {
        return fired.get();
    }

    @Override
    public void close() {
        alarm.cancel(false);
    }
}
