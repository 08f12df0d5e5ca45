package io.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a monitor's {@link HealthHistory}: the overall status, aggregated like a
 * {@link HealthReport}'s from each check's reported status whenever one changes, and the bounds of
 * the {@link Timeline} each {@link CheckRunner} keeps. Guarded by {@code this}; touched only on
 * changes, never on the hot path of an unchanged result.
 */
final class HistoryRecorder {

    private static final String NOT_READY = "not every check has a first result yet";

    private final InstantSource clock;
    private final Duration window;
    private final int limit;
    private final boolean[] critical;
    /** Each check's reported status; null before its first result, which counts as unhealthy. */
    private final HealthStatus[] reported;
    private final ChangeLog overall;
    private HealthStatus current;
    private Instant currentSince;

    HistoryRecorder(List<CheckRegistration> registrations, Duration window, int limit, InstantSource clock) {
        this.clock = clock;
        this.window = window;
        this.overall = new ChangeLog(window.toMillis(), limit);
        int count = registrations.size();
        this.limit = limit;
        this.critical = new boolean[count];
        this.reported = new HealthStatus[count];
        for (int i = 0; i < count; i++) {
            critical[i] = registrations.get(i).critical();
        }
        this.current = count == 0 ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY;
        this.currentSince = clock.instant();
        record(new HealthHistory.Change(null, current, currentSince, count == 0 ? null : NOT_READY));
    }

    /** A new, empty timeline for a check, with the monitor's bounds. */
    Timeline timeline(String name) {
        return new Timeline(name, window, limit);
    }

    /** Check number {@code index} (registration order) changed its reported status: record the overall status if that changed. */
    void changed(int index, StatusChange change) {
        CheckResult result = change.result();
        synchronized (this) {
            reported[index] = change.current();
            HealthStatus now = aggregate();
            if (now != current) {
                // Checks finish on several threads: keep the overall series in order of time.
                Instant at = result.observedAt().isBefore(currentSince) ? currentSince : result.observedAt();
                record(new HealthHistory.Change(current, now, at, change.check() + " became " + change.current().label()));
                current = now;
                currentSince = at;
            }
        }
    }

    /** A snapshot of what happened within the window, as of now; {@code runners} in registration order. */
    HealthHistory snapshot(CheckRunner[] runners) {
        Instant now = clock.instant();
        long cutoff = now.toEpochMilli() - window.toMillis();
        List<HealthHistory.Change> overallNow;
        synchronized (this) {
            overallNow = overall.since(cutoff);
        }
        List<HealthHistory.Check> checks = new ArrayList<>(runners.length);
        for (CheckRunner runner : runners) {
            checks.add(runner.history(cutoff));
        }
        return new HealthHistory(now, window, overallNow, checks);
    }

    /** Must hold the lock. Same rule as {@link HealthReport#aggregate}, on the reported statuses. */
    private HealthStatus aggregate() {
        HealthStatus worst = HealthStatus.HEALTHY;
        for (int i = 0; i < reported.length; i++) {
            HealthStatus status = reported[i];
            if (status == null) {
                return HealthStatus.UNHEALTHY;
            }
            if (!critical[i] && status == HealthStatus.UNHEALTHY) {
                status = HealthStatus.DEGRADED;
            }
            worst = worst.worst(status);
        }
        return worst;
    }

    /** Must hold the lock (or be the constructor). */
    private void record(HealthHistory.Change change) {
        overall.add(change);
    }
}
