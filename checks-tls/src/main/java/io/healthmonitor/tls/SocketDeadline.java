package io.healthmonitor.tls;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes a socket when its deadline passes. Socket timeouts bound each read, not a whole
 * handshake of several reads, and a server may answer byte by byte; closing the socket is the
 * only way to end a blocked handshake on time.
 *
 * <p>One shared daemon thread that dies when idle: nothing for the user to shut down.
 */
final class SocketDeadline implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final ScheduledFuture<?> alarm;
    private final AtomicBoolean fired = new AtomicBoolean();

    private SocketDeadline(Closeable socket, long delayNanos) {
        this.alarm = TIMER.schedule(() -> {
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

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "healthmonitor-tls-deadline-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
