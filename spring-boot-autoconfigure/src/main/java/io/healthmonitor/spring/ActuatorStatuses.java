package io.healthmonitor.spring;

import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * How Health Monitor's statuses and Actuator's map onto each other.
 *
 * <table>
 *   <caption>Actuator to engine (a contributor's health as a check's result)</caption>
 *   <tr><th>Actuator</th><th>engine</th></tr>
 *   <tr><td>{@code UP}</td><td>healthy</td></tr>
 *   <tr><td>{@code UNKNOWN}</td><td>healthy, message {@code UNKNOWN}</td></tr>
 *   <tr><td>{@code DEGRADED}</td><td>degraded</td></tr>
 *   <tr><td>{@code DOWN}</td><td>unhealthy, message from the {@code error} detail</td></tr>
 *   <tr><td>{@code OUT_OF_SERVICE}, any other code</td><td>unhealthy, message the code</td></tr>
 * </table>
 *
 * <p>Engine to Actuator (a check's result in {@code /actuator/health}): healthy is {@code UP}
 * ({@code UNKNOWN} when that was the contributor's), degraded is {@link #DEGRADED}, unhealthy is
 * {@code DOWN} ({@code OUT_OF_SERVICE} when that was the contributor's, or the check has no first
 * result yet: not failing, not in service yet) for a critical check and {@link #DEGRADED} for a
 * non-critical one. With {@link #ORDER}, the default of the auto-configured
 * status aggregator, Actuator's aggregate is the monitor's overall status; {@code DEGRADED} answers
 * HTTP 200 under Actuator's default mapping.
 *
 * <p>Stateless and thread-safe.
 */
public final class ActuatorStatuses {

    /** The status of a degraded check, and of a failing check that is not critical. */
    public static final Status DEGRADED = new Status("DEGRADED", "a dependency is degraded or a non-critical one is down");

    /** Actuator's default status order with {@link #DEGRADED} between {@code OUT_OF_SERVICE} and {@code UP}. */
    public static final List<String> ORDER = List.of(Status.DOWN.getCode(), Status.OUT_OF_SERVICE.getCode(),
            DEGRADED.getCode(), Status.UP.getCode(), Status.UNKNOWN.getCode());

    private ActuatorStatuses() {
    }

    /**
     * Converts a contributor's health into a check's result; its details are made JSON-safe.
     *
     * @param health the health; null is an unhealthy result
     * @return the result
     */
    public static HealthResult result(Health health) {
        if (health == null) {
            return HealthResult.unhealthy("the health indicator returned null");
        }
        String code = health.getStatus().getCode();
        Map<String, Object> details = JsonSafe.details(health.getDetails());
        HealthResult result;
        if (Status.UP.getCode().equals(code)) {
            result = HealthResult.healthy();
        } else if (Status.UNKNOWN.getCode().equals(code)) {
            result = HealthResult.healthy(code);
        } else if (DEGRADED.getCode().equals(code)) {
            result = HealthResult.degraded(code);
        } else if (Status.DOWN.getCode().equals(code)) {
            Object error = details.get("error");
            result = HealthResult.unhealthy(error instanceof String text ? text : code);
        } else {
            result = HealthResult.unhealthy(code);
        }
        return result.withDetails(details);
    }

    /**
     * Converts a check's result into Actuator's health.
     *
     * @param result         the result
     * @param includeDetails whether the details, message ({@code message}) and error ({@code error}) are included
     * @return the health
     */
    public static Health health(CheckResult result, boolean includeDetails) {
        if (!includeDetails) {
            return Health.status(status(result)).build();
        }
        Health.Builder health = Health.status(status(result));
        health.withDetails(result.details());
        Status status = status(result);
        String message = result.message();
        if (message != null && result.status() != HealthStatus.HEALTHY && !message.equals(status.getCode())
                && !message.equals(result.details().get("error"))) {
            health.withDetail("message", message);
        }
        if (result.error() != null && !result.details().containsKey("error")) {
            health.withDetail("error", result.error());
        }
        if (!result.critical()) {
            health.withDetail("critical", false);
        }
        return health.build();
    }

    /**
     * Returns Actuator's status of a check's result.
     *
     * @param result the result
     * @return {@code UP}, {@code UNKNOWN}, {@link #DEGRADED}, {@code DOWN} or {@code OUT_OF_SERVICE}
     */
    public static Status status(CheckResult result) {
        return switch (result.status()) {
            case HEALTHY -> Status.UNKNOWN.getCode().equals(result.message()) ? Status.UNKNOWN : Status.UP;
            case DEGRADED -> DEGRADED;
            case UNHEALTHY -> !result.critical() ? DEGRADED
                    : !result.checked() || Status.OUT_OF_SERVICE.getCode().equals(result.message()) ? Status.OUT_OF_SERVICE
                    : Status.DOWN;
        };
    }
}
