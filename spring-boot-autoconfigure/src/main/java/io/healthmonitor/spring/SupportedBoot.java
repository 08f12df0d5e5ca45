package io.healthmonitor.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootVersion;

/**
 * Fails the application's start on a Spring Boot older than 4: there the auto-configuration would
 * find none of Actuator's health contributors (Boot 4 moved them to {@code org.springframework.boot.health})
 * and serve {@code /health} as healthy with no checks, which probes would take for the truth.
 */
final class SupportedBoot {

    private SupportedBoot() {
    }

    static void require() {
        require(SpringBootVersion.getVersion());
    }

    /** @param version Spring Boot's version, null when unknown (a repackaged jar): then allowed. */
    static void require(@Nullable String version) {
        if (version == null || version.isEmpty() || !Character.isDigit(version.charAt(0))) {
            return;
        }
        int dot = version.indexOf('.');
        int major = Integer.parseInt(version.substring(0, dot < 0 ? version.length() : dot).replaceAll("\\D.*", ""));
        if (major < 4) {
            throw new IllegalStateException("healthmonitor-spring-boot-starter needs Spring Boot 4.0 or later; this application"
                    + " runs Spring Boot " + version + ". On Spring Boot 3, use healthmonitor-core and healthmonitor-http"
                    + " without the starter (docs/spring-boot.md), or set healthmonitor.enabled=false");
        }
    }
}
