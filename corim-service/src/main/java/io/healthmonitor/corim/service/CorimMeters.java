package io.healthmonitor.corim.service;

import io.healthmonitor.HealthResult;
import io.healthmonitor.Redactor;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The handler's meters; all no-ops without a registry. */
final class CorimMeters {

    /** The endpoints' logger: the meters are part of them for whoever configures logging. */
    private static final Logger LOG = LoggerFactory.getLogger(CorimEndpoints.class);

    static final String DURATION = "corim.validation.duration";
    static final String FAILURES = "corim.validation.failures";
    static final String PROFILES = "corim.profiles.total";
    /** Every reason the handler rejects an upload for; counters start at zero so rate() works from the first scrape. */
    static final List<String> REASONS = List.of("invalid", "unreadable", "too_large",
            "unsupported_media_type", "busy");

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
            String name = metrics.name(PROFILES);
            metrics.register(Gauge.builder(name, new ProfileCount(store, DaemonThreads.EXECUTOR, name), ProfileCount::read)
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
     *
     * <p>When counting starts failing the gauge reads NaN, and one WARN says why (the store's reason,
     * which names a hand-edited hash and its {@code DEL}); one INFO says when it counts again. Not one
     * line per scrape: a scrape every 15 s would bury the log.
     */
    static final class ProfileCount {
        private final CorimProfileStore store;
        private final Executor executor;
        private final String gauge;
        private final AtomicBoolean counting = new AtomicBoolean();
        private volatile double last = Double.NaN;
        /** Whether the last count failed; written by one counting task at a time ({@code counting}). */
        private boolean failing;

        ProfileCount(CorimProfileStore store, Executor executor, String gauge) {
            this.store = store;
            this.executor = executor;
            this.gauge = gauge;
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
                int profiles = store.count();
                last = profiles;
                if (failing) {
                    failing = false;
                    LOG.info("CoRIM profiles counted again ({}); gauge {} reads the count again", profiles, gauge);
                }
            } catch (RuntimeException e) {
                last = Double.NaN;
                if (!failing) {
                    failing = true;
                    LOG.warn("CoRIM profiles cannot be counted; gauge {} reads NaN until they can: {}. Make the profile"
                            + " store reachable, or remove the hash it names; the next count that succeeds is logged", gauge, reason(e));
                }
            } finally {
                counting.set(false);
            }
        }

        /** The store's reason, without credentials: a {@link CorimStoreException} says what failed and what to do. */
        private static String reason(RuntimeException e) {
            String text = e instanceof CorimStoreException && e.getMessage() != null ? e.getMessage() : HealthResult.describe(e);
            return java.util.Objects.requireNonNullElse(Redactor.redact(text), "");
        }
    }
}
