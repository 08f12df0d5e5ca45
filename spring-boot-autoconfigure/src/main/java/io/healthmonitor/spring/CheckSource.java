package io.healthmonitor.spring;

import io.healthmonitor.CheckRegistration;
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
     * @param path its name in Actuator's groups ({@code db/primary})
     * @param base the check, registered with its name and the defaults that hold before the
     *             properties (such as no cache for application states)
     */
    record Sourced(String path, CheckRegistration base) {
    }
}
