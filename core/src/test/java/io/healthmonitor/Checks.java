package io.healthmonitor;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Test checks whose behaviour the test controls. */
final class Checks {
    private Checks() {
    }

    /** A context for calling a check directly, outside a monitor: five seconds to go. */
    static CheckContext context() {
        return CheckContext.of("test", Duration.ofSeconds(5));
    }

    /** Counts invocations and returns healthy. */
    static final class Counting implements HealthCheck {
        final AtomicInteger invocations = new AtomicInteger();

        @Override
        public HealthResult check(CheckContext context) {
            invocations.incrementAndGet();
            return HealthResult.healthy();
        }
    }

    /** Blocks until released; records whether it was interrupted. Ignores interrupts if told to. */
    static final class Blocking implements HealthCheck {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger invocations = new AtomicInteger();
        final AtomicInteger interrupts = new AtomicInteger();
        private final boolean ignoreInterrupts;

        Blocking(boolean ignoreInterrupts) {
            this.ignoreInterrupts = ignoreInterrupts;
        }

        @Override
        public HealthResult check(CheckContext context) throws InterruptedException {
            invocations.incrementAndGet();
            started.countDown();
            while (true) {
                try {
                    if (release.await(60, TimeUnit.SECONDS)) {
                        return HealthResult.healthy("released");
                    }
                    return HealthResult.unhealthy("never released");
                } catch (InterruptedException e) {
                    interrupts.incrementAndGet();
                    if (!ignoreInterrupts) {
                        throw e;
                    }
                }
            }
        }
    }
}
