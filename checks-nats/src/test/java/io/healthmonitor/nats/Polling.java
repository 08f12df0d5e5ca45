package io.healthmonitor.nats;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling for truly asynchronous waits (reconnects, deliveries); never a sleep as an assertion. */
final class Polling {

    static final Duration PATIENCE = Duration.ofSeconds(15);

    private Polling() {
    }

    static void await(String what, BooleanSupplier condition) {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUpAt) {
                throw new AssertionError("gave up after " + PATIENCE + " waiting until " + what);
            }
            pause();
        }
    }

    static <T> T await(String what, Supplier<T> value, java.util.function.Predicate<T> accept) {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        T last = value.get();
        while (!accept.test(last)) {
            if (System.nanoTime() > giveUpAt) {
                throw new AssertionError("gave up after " + PATIENCE + " waiting until " + what + "; last: " + last);
            }
            pause();
            last = value.get();
        }
        return last;
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
