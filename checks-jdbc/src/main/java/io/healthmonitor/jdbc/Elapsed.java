package io.healthmonitor.jdbc;

import java.util.concurrent.TimeUnit;

/** Time measured with {@link System#nanoTime()}, as messages and details show it. */
final class Elapsed {

    private Elapsed() {
    }

    /** Whole milliseconds since {@code startNanos}, for messages ("within 1398 ms"). */
    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Milliseconds with microsecond precision, for details such as {@code acquireMillis}. */
    static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
