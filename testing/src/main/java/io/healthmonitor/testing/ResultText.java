package io.healthmonitor.testing;

import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Redactor;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Renders whole results for failure messages, so a failing test shows everything the engine reported.
 * What a check produced is masked with {@link Redactor} as the engine masks it in a report (messages,
 * errors, text details, details named like a secret), so a red build never prints a credential to its
 * log, also when the result comes straight from {@code check(context)} and no engine has masked it yet.
 */
final class ResultText {

    private ResultText() {
    }

    static String of(CheckResult check) {
        return "check \"" + check.name() + "\": status=" + check.status().label()
                + ", critical=" + check.critical()
                + ", duration=" + millis(check.duration())
                + ", message=" + shown(check.message())
                + ", details=" + details(check.details())
                + ", error=" + shown(check.error())
                + ", tags=" + new TreeSet<>(check.tags())
                + ", observedAt=" + check.observedAt();
    }

    static String of(HealthResult result) {
        return "result: status=" + result.status().label()
                + ", message=" + shown(result.message())
                + ", details=" + details(result.details())
                + ", error=" + (result.error() == null ? "none" : Redactor.redact(HealthResult.describe(result.error())));
    }

    static String of(HealthReport report) {
        StringBuilder text = new StringBuilder("report: status=").append(report.status().label())
                .append(", duration=").append(millis(report.duration()))
                .append(", timestamp=").append(report.timestamp())
                .append(", ").append(report.checks().size()).append(report.checks().size() == 1 ? " check" : " checks");
        for (CheckResult check : report.checks()) {
            text.append(System.lineSeparator()).append("  ").append(of(check));
        }
        return text.toString();
    }

    static String label(HealthStatus status) {
        return status.label();
    }

    static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.3f ms", duration.toNanos() / 1_000_000.0);
    }

    static String quoted(@Nullable String text) {
        return text == null ? "none" : "\"" + text + "\"";
    }

    /** Quotes a text the check produced, its credentials masked. */
    static String shown(@Nullable String text) {
        return quoted(Redactor.redact(text));
    }

    private static String details(Map<String, Object> details) {
        return details.isEmpty() ? "{}" : JsonBody.write(DetailValues.masked(details));
    }
}
