package io.healthmonitor;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The running state of one check's {@link Hysteresis}: the status reported now, and the
 * consecutive results that agree on another one. Not thread-safe: its {@link CheckRunner} guards it.
 */
final class HysteresisState {

    private final Hysteresis hysteresis;
    private @Nullable HealthStatus reported;
    private @Nullable HealthStatus pendingStatus;
    private int pendingCount;

    HysteresisState(Hysteresis hysteresis) {
        this.hysteresis = hysteresis;
    }

    /** The status reported now, or null before the first result. */
    @Nullable HealthStatus reported() {
        return reported;
    }

    /**
     * Returns {@code result} as reported: as it is when its status is the reported one, the first,
     * or has now been seen often enough in a row; otherwise with the reported status kept and a
     * {@code hysteresisPending} detail saying how many agreeing results were seen of how many needed.
     */
    CheckResult apply(CheckResult result) {
        if (reported == null || result.status() == reported) {
            return report(result);
        }
        pendingCount = result.status() == pendingStatus ? pendingCount + 1 : 1;
        pendingStatus = result.status();
        int needed = result.status().compareTo(reported) > 0 ? hysteresis.failures() : hysteresis.recoveries();
        if (pendingCount >= needed) {
            return report(result);
        }
        Map<String, Object> details = new LinkedHashMap<>(result.details());
        details.put("hysteresisPending", pendingStatus.label() + " " + pendingCount + "/" + needed);
        return new CheckResult(result.name(), reported, result.message(), details, result.error(), result.duration(),
                result.observedAt(), result.critical(), result.tags(), true);
    }

    private CheckResult report(CheckResult result) {
        reported = result.status();
        pendingStatus = null;
        pendingCount = 0;
        return result;
    }
}
