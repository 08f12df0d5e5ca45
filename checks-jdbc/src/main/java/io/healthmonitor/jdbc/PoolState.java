package io.healthmonitor.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One reading of a connection pool's gauges. Counts come from separate reads of a live pool, so
 * they need not add up exactly.
 */
record PoolState(int active, int idle, int total, int max, int pending) {

    /** The share of the pool's maximum that is busy, 0 when the maximum is unknown. */
    double utilization() {
        return max > 0 ? (double) active / max : 0;
    }

    /** Every connection the pool may have is in use. */
    boolean exhausted() {
        return max > 0 && active >= max;
    }

    /** Every connection the pool may have is busy and threads queue for one. */
    boolean saturated() {
        return exhausted() && pending > 0;
    }

    /**
     * Why this pool makes the check degraded, or null: saturated, or at least {@code threshold}
     * of its maximum busy.
     */
    @Nullable String degradation(double threshold) {
        if (saturated()) {
            return "connection pool saturated: " + summary();
        }
        if (max > 0 && utilization() >= threshold) {
            return "connection pool at " + PostgresInsight.percent(utilization()) + " % of its maximum (>= "
                    + PostgresInsight.percent(threshold) + " %): " + summary();
        }
        return null;
    }

    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("active", active);
        details.put("idle", idle);
        details.put("total", total);
        details.put("max", max);
        details.put("pending", pending);
        details.put("utilizationPercent", Math.round(utilization() * 1000) / 10.0);
        return details;
    }

    String summary() {
        return active + "/" + max + " connections active, " + idle + " idle, " + pending
                + (pending == 1 ? " thread waiting" : " threads waiting");
    }
}
