package io.healthmonitor;

import java.time.Duration;
import java.time.Instant;

/**
 * How old a check's latest result may be, by its {@link Schedule}: fresh within the cache TTL
 * (on demand) or the max age (background); servable while a refresh runs until the max staleness
 * (on demand). Immutable.
 */
final class Staleness {

    /** What a report may do with the latest result. */
    enum Use {
        /** Serve it. */
        FRESH,
        /** Serve it, and start a refresh if none runs. */
        REFRESH,
        /** Too old to serve: wait for a new result (on demand) or report it stale (background). */
        EXPIRED
    }

    private final long freshNanos;
    private final long servableNanos;
    private final boolean background;

    private Staleness(Duration fresh, Duration servable, boolean background) {
        this.freshNanos = fresh.toNanos();
        this.servableNanos = servable.toNanos();
        this.background = background;
    }

    static Staleness of(Schedule schedule, Duration timeout) {
        if (schedule instanceof Schedule.Background background) {
            return new Staleness(background.maxAge(), background.maxAge(), true);
        }
        Schedule.OnDemand onDemand = (Schedule.OnDemand) schedule;
        return new Staleness(onDemand.cacheTtl(), onDemand.maxStaleness(timeout), false);
    }

    /**
     * Judges a result's age at {@code now}. A result from the future (the clock went back) is
     * expired on demand, so the check runs again, and fresh in the background, where it is replaced
     * on the next run anyway.
     */
    Use judge(CheckResult latest, Instant now) {
        long age = nanosBetween(latest.observedAt(), now);
        if (age < 0) {
            return background ? Use.FRESH : Use.EXPIRED;
        }
        if (age < freshNanos || (background && age <= freshNanos)) {
            return Use.FRESH;
        }
        return age < servableNanos ? Use.REFRESH : Use.EXPIRED;
    }

    /** {@code Duration.between(from, to).toNanos()} without the Duration, saturated at the bounds of a long. */
    private static long nanosBetween(Instant from, Instant to) {
        long seconds = to.getEpochSecond() - from.getEpochSecond();
        if (seconds > Long.MAX_VALUE / 1_000_000_000L - 1 || seconds < Long.MIN_VALUE / 1_000_000_000L + 1) {
            return seconds > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + (to.getNano() - from.getNano());
    }

    /** A background result as a report shows it: unhealthy "stale" once older than the max age. */
    CheckResult served(CheckResult latest, Instant now) {
        if (!latest.checked() || judge(latest, now) != Use.EXPIRED) {
            return latest;
        }
        Duration age = Duration.between(latest.observedAt(), now);
        return latest.withStatus(HealthStatus.UNHEALTHY, "stale: last result " + age.toSeconds() + " s old");
    }
}
