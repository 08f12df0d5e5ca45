package io.healthmonitor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthJson;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract every health check must keep, as a JUnit 5 test interface: a checks module's test
 * class implements it and supplies checks against a live, an unreachable and a blackholed
 * dependency; the default test methods do the rest.
 *
 * <ul>
 *   <li>nothing escapes the runner: a report always comes back;</li>
 *   <li>an unreachable dependency is unhealthy, not a hang;</li>
 *   <li>a blackholed dependency is unhealthy by the deadline, reported by the check itself (its
 *       client timeouts come from {@link io.healthmonitor.CheckContext#clientTimeout()}), not
 *       expired by the engine with a plain "timed out", and no thread stays stuck after it;</li>
 *   <li>none of the {@link #secrets()} the checks are built with appears in what a report shows.</li>
 * </ul>
 *
 * <p>Use {@link FaultProxy} to build the blackholed dependency.
 */
public interface HealthCheckContract {

    /** The deadline the contract registers checks with. */
    Duration DEADLINE = Duration.ofMillis(1500);

    /**
     * Returns a check against a dependency that is up.
     *
     * @return the check
     * @throws Exception if it cannot be built
     */
    HealthCheck checkOfLiveDependency() throws Exception;

    /**
     * Returns a check against a dependency nothing listens for (a closed port).
     *
     * @return the check
     * @throws Exception if it cannot be built
     */
    HealthCheck checkOfUnreachableDependency() throws Exception;

    /**
     * Returns a check against a dependency that accepts connections and never answers.
     *
     * @return the check
     * @throws Exception if it cannot be built
     */
    HealthCheck checkOfBlackholedDependency() throws Exception;

    /**
     * Returns how long after the deadline the check's own client may take to give up.
     *
     * @return the allowance, one second by default
     */
    default Duration clientTimeoutAllowance() {
        return Duration.ofSeconds(1);
    }

    /**
     * Returns the credentials the checks under test are built with (passwords, tokens, API keys):
     * the contract verifies that none of them appears in what a report shows of any of its checks,
     * message, error, details or JSON, whatever the engine's masking missed.
     *
     * @return the values that must never be shown, none by default
     */
    default List<String> secrets() {
        return List.of();
    }

    /**
     * The check reports a live dependency healthy (or degraded, never unhealthy).
     *
     * @throws Exception if the check cannot be built
     */
    @Test
    default void contractReportsLiveDependencyAsUsable() throws Exception {
        CheckResult result = runOnce(checkOfLiveDependency());
        assertThat(result.status()).as("status of %s: %s", result.name(), result).isNotEqualTo(HealthStatus.UNHEALTHY);
        HealthAssertions.assertThat(result).withoutError();
        assertShowsNoSecret(result, secrets());
    }

    /**
     * The check reports an unreachable dependency unhealthy within its deadline.
     *
     * @throws Exception if the check cannot be built
     */
    @Test
    default void contractReportsUnreachableDependencyAsUnhealthy() throws Exception {
        CheckResult result = runOnce(checkOfUnreachableDependency());
        HealthAssertions.assertThat(result).isUnhealthy();
        assertThat(result.message()).as("message of an unhealthy result").isNotBlank();
        assertShowsNoSecret(result, secrets());
    }

    /**
     * The check reports a blackholed dependency unhealthy by the deadline with a failure of its own,
     * and its invocation then ends by itself.
     *
     * @throws Exception if the check cannot be built
     */
    @Test
    default void contractHonoursItsDeadlineWhenDependencyIsBlackholed() throws Exception {
        HealthCheck check = checkOfBlackholedDependency();
        try (HealthMonitor monitor = monitorOf(check)) {
            HealthReport report = monitor.report();
            HealthAssertions.assertThat(report).isUnhealthy().hasCheck("contract").isUnhealthy();
            assertThat(report.check("contract").orElseThrow().message())
                    .as("the check must give up by itself before the deadline, with client timeouts taken from"
                            + " CheckContext.clientTimeout(), instead of being expired by the engine")
                    .doesNotStartWith("timed out after " + DEADLINE.toMillis() + " ms");
            assertShowsNoSecret(report.check("contract").orElseThrow(), secrets());
            long giveUpBy = System.nanoTime() + DEADLINE.plus(clientTimeoutAllowance()).toNanos();
            while (monitor.runningChecks() > 0 && System.nanoTime() < giveUpBy) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(monitor.runningChecks())
                    .as("invocations still running %s after the deadline: the check's client has no timeout of its own",
                            clientTimeoutAllowance())
                    .isZero();
        }
    }

    /**
     * A check whose client throws is still reported, never thrown out of the report.
     */
    @Test
    default void contractNeverThrowsOutOfTheRunner() {
        HealthCheck throwing = ctx -> {
            throw new IllegalStateException("client exploded");
        };
        HealthCheck returningNull = ctx -> null;
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register("throwing", throwing).register("null", returningNull).build()) {
            HealthReport report = monitor.report();
            HealthAssertions.assertThat(report).isUnhealthy().hasCheck("throwing").isUnhealthy()
                    .withMessage("java.lang.IllegalStateException: client exploded");
            HealthAssertions.assertThat(report).hasCheck("null").isUnhealthy().withMessage("check returned null");
        }
    }

    private static void assertShowsNoSecret(CheckResult result, List<String> secrets) {
        if (!secrets.isEmpty()) {
            // The failure names a secret by its position and masks it: a red build does not print it either.
            HealthAssertions.assertThatJson(new String(HealthJson.check(result), StandardCharsets.UTF_8))
                    .as("what a report shows of the check (the secrets() must never appear)")
                    .doesNotContain(secrets.toArray(String[]::new));
        }
    }

    private static CheckResult runOnce(HealthCheck check) {
        try (HealthMonitor monitor = monitorOf(check)) {
            return monitor.report().checks().get(0);
        }
    }

    private static HealthMonitor monitorOf(HealthCheck check) {
        return HealthMonitor.builder()
                .logTransitions(false)
                .register(CheckRegistration.builder("contract", check).timeout(DEADLINE).startupTimeout(DEADLINE)
                        .slowThreshold(DEADLINE).build())
                .build();
    }

    /**
     * Runs a check once in a monitor, registered with the contract's deadline, for implementors' own tests.
     *
     * @param check the check
     * @return its result as a report shows it
     */
    static CheckResult runUnderDeadline(HealthCheck check) {
        return runOnce(check);
    }
}
