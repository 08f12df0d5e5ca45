package io.healthmonitor.corim.service;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.internal.DaemonThreads;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks a {@link CorimProfileStore}: that it answers, how many profiles it holds, and whether
 * any is about to expire or has expired.
 *
 * <pre>{@code
 * HealthMonitor monitor = HealthMonitor.builder()
 *         .register("corim-profiles", CorimProfilesHealthCheck.builder(store).expiryThreshold(Duration.ofDays(7)).build())
 *         .build();
 * }</pre>
 *
 * <p>Status: {@code UNHEALTHY} when the store cannot be listed (unreachable, timed out) or still
 * holds a profile whose expiry has passed; {@code DEGRADED} when a profile expires within the
 * threshold (default 7 days); {@code HEALTHY} otherwise, also with no profiles. Details, in this
 * order: {@code profiles}, {@code expiringProfiles}, {@code expiredProfiles},
 * {@code expiryThresholdSeconds}, and when some expire, {@code nextExpiry} (ISO-8601) and
 * {@code expiringIds} (at most ten).
 *
 * <p>It waits for the store at most for the invocation's client timeout ({@link CheckContext#clientTimeout()}).
 * Immutable and thread-safe.
 */
public final class CorimProfilesHealthCheck implements HealthCheck {

    /** The default threshold: degraded when a profile expires within 7 days. */
    public static final Duration DEFAULT_EXPIRY_THRESHOLD = Duration.ofDays(7);

    private static final int MAX_IDS = 10;

    private final CorimProfileStore store;
    private final Duration threshold;
    private final InstantSource clock;

    private CorimProfilesHealthCheck(Builder b) {
        this.store = b.store;
        this.threshold = b.threshold;
        this.clock = b.clock;
    }

    /**
     * Starts a check of {@code store}.
     *
     * @param store the store to watch
     * @return a builder
     * @throws NullPointerException if {@code store} is null
     */
    public static Builder builder(CorimProfileStore store) {
        return new Builder(store);
    }

    /**
     * Lists the store, waiting at most for the context's client timeout: the store's own command
     * timeout (2 s for Redis) is the engine's default deadline, which expired the invocation first
     * with a bare "timed out" (found by an operator's test). A listing that does not answer in time
     * is left to finish on its own thread, bounded by the store's timeout.
     *
     * @param context the invocation's deadline
     * @return the result, never null
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    @Override
    public HealthResult check(CheckContext context) throws InterruptedException {
        List<StoredProfile> profiles;
        Duration wait = context.clientTimeout();
        try {
            profiles = CompletableFuture.supplyAsync(store::list, DaemonThreads.EXECUTOR).get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return HealthResult.unhealthy("CoRIM profile store did not answer within " + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CorimStoreException unreachable) {   // unreachable, timed out, or a corrupt profile
                return HealthResult.unhealthy("CoRIM profile store failed: " + unreachable.getMessage());
            }
            return HealthResult.unhealthy(e.getCause());
        }
        Instant now = clock.instant();
        Instant soon = now.plus(threshold);
        int expiring = 0;
        int expired = 0;
        Instant next = null;
        List<String> ids = new ArrayList<>();
        for (StoredProfile p : profiles) {
            Instant at = p.expiresAt();
            if (at == null) {
                continue;
            }
            if (!at.isAfter(now)) {
                expired++;
            } else if (!at.isAfter(soon)) {
                expiring++;
            } else {
                continue;
            }
            if (ids.size() < MAX_IDS) {
                ids.add(p.id());
            }
            next = next == null || at.isBefore(next) ? at : next;
        }
        HealthResult result;
        if (expired > 0) {
            result = HealthResult.unhealthy(expired + " expired CoRIM profile(s) still stored");
        } else if (expiring > 0) {
            result = HealthResult.degraded(expiring + " CoRIM profile(s) expire within " + threshold);
        } else {
            result = HealthResult.healthy(profiles.size() + " CoRIM profile(s)");
        }
        result = result.withDetail("profiles", profiles.size())
                .withDetail("expiringProfiles", expiring)
                .withDetail("expiredProfiles", expired)
                .withDetail("expiryThresholdSeconds", threshold.toSeconds());
        if (next != null) {
            result = result.withDetail("nextExpiry", next.toString()).withDetail("expiringIds", List.copyOf(ids));
        }
        return result;
    }

    /** Configures a {@link CorimProfilesHealthCheck}. Not thread-safe. */
    public static final class Builder {
        private final CorimProfileStore store;
        private Duration threshold = DEFAULT_EXPIRY_THRESHOLD;
        private InstantSource clock = InstantSource.system();

        private Builder(CorimProfileStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * Sets how close an expiry makes the check degraded (default 7 days).
         *
         * @param threshold a positive duration
         * @return this builder
         * @throws IllegalArgumentException if the threshold is negative or zero
         */
        public Builder expiryThreshold(Duration threshold) {
            Objects.requireNonNull(threshold, "threshold");
            if (threshold.isZero() || threshold.isNegative()) {
                throw new IllegalArgumentException("expiryThreshold must be > 0");
            }
            this.threshold = threshold;
            return this;
        }

        /**
         * Sets the clock expiries are compared with (default the system clock).
         *
         * @param clock the time source
         * @return this builder
         */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the check.
         *
         * @return an immutable, thread-safe check
         */
        public CorimProfilesHealthCheck build() {
            return new CorimProfilesHealthCheck(this);
        }
    }
}
