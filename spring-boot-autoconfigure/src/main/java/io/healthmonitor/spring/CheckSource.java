package io.healthmonitor.spring;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthCheck;
import java.util.List;
import java.util.Set;

/** Checks that an integration contributes to the auto-configured monitor (Actuator's contributors). */
interface CheckSource {

    /**
     * Returns the integration's checks.
     *
     * @param taken names already registered, which the source must leave out
     * @return the checks, in order
     */
    List<Sourced> checks(Set<String> taken);

    /**
     * One contributed check.
     *
     * @param name  its name in the monitor
     * @param path  its name in Actuator's groups ({@code db/primary})
     * @param check the check
     * @param base  the registration's defaults before the properties (e.g. no cache for in-memory states)
     */
    record Sourced(String name, String path, HealthCheck check, CheckRegistration base) {
    }
}
