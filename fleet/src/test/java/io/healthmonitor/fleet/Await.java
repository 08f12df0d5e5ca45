package io.healthmonitor.fleet;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A bounded wait for a real condition: polls it and fails with what it last saw at the deadline. */
final class Await {

    private Await() {
    }

    static void until(Duration timeout, String what, BooleanSupplier condition, Supplier<Object> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not within " + timeout + "; last seen: " + lastSeen.get());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what);
            }
        }
    }

    /** Returns how long the condition took to become true, failing at the deadline. */
    static Duration elapsed(Duration timeout, String what, BooleanSupplier condition, Supplier<Object> lastSeen) {
        long start = System.nanoTime();
        until(timeout, what, condition, lastSeen);
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
