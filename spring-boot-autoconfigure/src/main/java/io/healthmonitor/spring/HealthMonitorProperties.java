package io.healthmonitor.spring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code healthmonitor.*} configuration properties: per-check registration options under
 * {@code healthmonitor.checks.<name>.*}, their defaults under {@code healthmonitor.defaults.*}, the
 * meters' prefix and the runbook endpoints. Unset options keep the engine's defaults. Mutable, as
 * Spring binds it; not thread-safe until bound.
 */
// Unknown names fail the start (a typo such as checks.db.timeot would otherwise be ignored silently).
@ConfigurationProperties(prefix = "healthmonitor", ignoreUnknownFields = false)
public class HealthMonitorProperties {

    /** The prefix of Spring configuration properties read by this class. */
    public static final String PREFIX = "healthmonitor";

    private boolean enabled = true;
    @NestedConfigurationProperty
    private final CheckProperties defaults = new CheckProperties();
    private final Map<String, CheckProperties> checks = new LinkedHashMap<>();
    private final Metrics metrics = new Metrics();
    @NestedConfigurationProperty
    private final HttpProperties http = new HttpProperties();
    private final Actuator actuator = new Actuator();
    private final Tls tls = new Tls();

    /**
     * Creates the properties with the engine's defaults.
     */
    public HealthMonitorProperties() {
    }

    /**
     * Returns whether the auto-configuration creates a monitor at all.
     *
     * @return true unless {@code healthmonitor.enabled=false}
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the auto-configuration creates a monitor at all.
     *
     * @param enabled false to switch Health Monitor off
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the options every check gets unless its own entry sets them.
     *
     * @return the defaults
     */
    public CheckProperties getDefaults() {
        return defaults;
    }

    /**
     * Returns the per-check options, by check name (the bean name of a {@code HealthCheck}, the
     * Actuator name of a contributor such as {@code db} or {@code diskSpace}).
     *
     * @return the options by name
     */
    public Map<String, CheckProperties> getChecks() {
        return checks;
    }

    /**
     * Returns the meters' options.
     *
     * @return the metrics options
     */
    public Metrics getMetrics() {
        return metrics;
    }

    /**
     * Returns the runbook endpoints' options.
     *
     * @return the HTTP options
     */
    public HttpProperties getHttp() {
        return http;
    }

    /**
     * Returns the Actuator integration's options.
     *
     * @return the Actuator options
     */
    public Actuator getActuator() {
        return actuator;
    }

    /**
     * Returns the certificate check's options.
     *
     * @return the TLS options
     */
    public Tls getTls() {
        return tls;
    }

    /** The {@code ssl} check: Spring Boot's SSL bundles and certificate files. */
    public static class Tls {
        private List<Path> certificates = new ArrayList<>();

        /**
         * Creates options with no certificate file.
         */
        public Tls() {
        }

        /**
         * Returns certificate files (PEM) or directories of them that the {@code ssl} check reads
         * besides the SSL bundles.
         *
         * @return the paths
         */
        public List<Path> getCertificates() {
            return certificates;
        }

        /**
         * Sets certificate files (PEM) or directories of them that the {@code ssl} check reads.
         *
         * @param certificates the paths, such as {@code /etc/ssl/certs/credlink.crt}
         */
        public void setCertificates(List<Path> certificates) {
            this.certificates = new ArrayList<>(certificates);
        }
    }

    /** The engine's meters in the application's {@code MeterRegistry}. */
    public static class Metrics {
        private boolean enabled = true;
        private String prefix = "";

        /**
         * Creates options with the defaults: enabled, no prefix.
         */
        public Metrics() {
        }

        /**
         * Returns whether the meters are registered when a {@code MeterRegistry} bean exists.
         *
         * @return true unless switched off
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the meters are registered.
         *
         * @param enabled false to register none
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the common name prefix of every meter, such as {@code credlink}.
         *
         * @return the prefix, empty for none
         */
        public String getPrefix() {
            return prefix;
        }

        /**
         * Sets the common name prefix of every meter: lower-case letters, digits and underscores.
         *
         * @param prefix the prefix, such as {@code credlink} for {@code credlink_health_check_failures_total}
         */
        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }
    }

    /** Actuator's health endpoint on the monitor. */
    public static class Actuator {
        private boolean enabled = true;

        /**
         * Creates options with the defaults: enabled.
         */
        public Actuator() {
        }

        /**
         * Returns whether Actuator's health contributors run in the monitor and its health endpoint
         * is served from the monitor's reports.
         *
         * @return true unless switched off
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether Actuator's health endpoint is served from the monitor's reports; false leaves
         * Actuator as it is.
         *
         * @param enabled false to leave Actuator alone
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
