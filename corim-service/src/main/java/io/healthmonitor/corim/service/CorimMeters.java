package io.healthmonitor.corim.service;

import io.healthmonitor.internal.DaemonThreads;
import io.healthmonitor.micrometer.HealthMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** The handler's meters; all no-ops without a registry. */
final class CorimMeters {

    static final String DURATION = "corim.validation.duration";
    static final String FAILURES = "corim.validation.failures";
    static final String PROFILES = "corim.profiles.total";
    /** Every reason the handler rejects an upload for; counters start at zero so rate() works from the first scrape. */
    static final List<String> REASONS = List.of("invalid", "unreadable", "too_large",
            "unsupported_media_type");

    private final @Nullable HealthMetrics metrics;
    private final @Nullable Timer duration;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();

    private CorimMeters(@Nullable HealthMetrics metrics, @Nullable CorimProfileStore store) {
        this.metrics = metrics;
        if (metrics == null) {
            this.duration = null;
            return;
        }
        MeterRegistry registry = metrics.registry();
        this.duration = Timer.builder(metrics.name(DURATION))
                .description("Time to validate one uploaded CoRIM")
                .register(registry);
        REASONS.forEach(this::counter);
        if (store != null) {
            // Through the binding: endpoints built again on the same registry count their own store.
            metrics.register(Gauge.builder(metrics.name(PROFILES), new ProfileCount(store, DaemonThreads.EXECUTOR), ProfileCount::read)
                    .description("CoRIM profiles in the store, as counted at the previous scrape (NaN when the store could not be reached or read)")
                    .strongReference(true));
        }
    }

    static CorimMeters none() {
        return new CorimMeters(null, null);
    }

    static CorimMeters of(HealthMetrics metrics, @Nullable CorimProfileStore store) {
        return new CorimMeters(metrics, store);
    }

    void recordDuration(long nanos) {
        if (duration != null) {
            duration.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    void failure(String reason) {
        if (metrics == null) {
            return;
        }
        counter(reason).increment();
    }

    private Counter counter(String reason) {
        HealthMetrics binding = java.util.Objects.requireNonNull(metrics, "metrics");
        return failures.computeIfAbsent(reason, r -> Counter.builder(binding.name(FAILURES))
                .description("CoRIM uploads rejected, by reason")
                .tag("reason", r)
                .register(binding.registry()));
    }

    /**
     * The store's profile count as a scrape reads it: the last count taken, while the scrape starts
     * the next one in the background. Counting asks the store (Redis: up to its command timeout), and
     * a scrape that waited for it would fail a 1 s scrape timeout during the very Redis outage the
     * runbook's alerts are for; the value lags one scrape instead.
     */
    static final class ProfileCount {
        private final CorimProfileStore store;
        private final Executor executor;
        private final AtomicBoolean counting = new AtomicBoolean();
        private volatile double last = Double.NaN;

        ProfileCount(CorimProfileStore store, Executor executor) {
            this.store = store;
            this.executor = executor;
            read();   // the first scrape then finds a count
        }

        double read() {
            if (counting.compareAndSet(false, true)) {
                try {
                    executor.execute(this::count);
                } catch (RejectedExecutionException e) {
                    counting.set(false);
                }
            }
            return last;
        }

        private void count() {
            try {
                last = store.count();
            } catch (RuntimeException e) {
                last = Double.NaN;
            } finally {
                counting.set(false);
            }
        }
    }
}
