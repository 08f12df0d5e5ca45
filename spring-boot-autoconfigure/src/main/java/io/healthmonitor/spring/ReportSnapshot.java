package io.healthmonitor.spring;

import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthReport;
import org.jspecify.annotations.Nullable;

/**
 * One report of the monitor, taken when Actuator asks for the first contributor of a request and
 * read by every other contributor of that request: the checks run concurrently once, not one after
 * another as Actuator calls its contributors. Thread-safe.
 */
final class ReportSnapshot {

    private final HealthMonitor monitor;
    private final @Nullable String group;
    private @Nullable HealthReport report;

    /**
     * @param group the group's tag, for a report of its checks only; null or {@link RequestGroup#ALL} for every check
     */
    ReportSnapshot(HealthMonitor monitor, @Nullable String group) {
        this.monitor = monitor;
        this.group = group;
    }

    /** The check's result in this request's report, or null when the monitor has no such check. */
    @Nullable CheckResult result(String check) {
        CheckResult result = report().check(check).orElse(null);
        // A check outside the group's report (a marker left by another request) is asked alone.
        return result != null ? result : monitor.check(check).orElse(null);
    }

    private synchronized HealthReport report() {
        if (report == null) {
            boolean whole = group == null || group.equals(RequestGroup.ALL) || !monitor.groups().contains(group);
            report = whole ? monitor.report() : monitor.report(group);
        }
        return report;
    }
}
