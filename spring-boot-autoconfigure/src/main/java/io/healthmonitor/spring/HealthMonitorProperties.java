package io.healthmonitor.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code healthmonitor.*} configuration properties: per-check registration options under
 * {@code healthmonitor.checks.<name>.*}, their defaults under {@code healthmonitor.defaults.*}, the
 * meters' prefix and the runbook endpoints. Unset options keep the engine's defaults. Mutable, as
 * Spring binds it; not thread-safe until bound.
 */
@ConfigurationProperties("healthmonitor")
public class HealthMonitorProperties {

    /** The prefix of Spring configuration properties read by this class. */
    public static final String PREFIX = "healthmonitor";

    private boolean enabled = true;
    private final Check defaults = new Check();
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final Metrics metrics = new Metrics();
    private final Http http = new Http();
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
    public Check getDefaults() {
        return defaults;
    }

    /**
     * Returns the per-check options, by check name (the bean name of a {@code HealthCheck}, the
     * Actuator name of a contributor such as {@code db} or {@code diskSpace}).
     *
     * @return the options by name
     */
    public Map<String, Check> getChecks() {
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
    public Http getHttp() {
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
        private List<java.nio.file.Path> certificates = new ArrayList<>();

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
        public List<java.nio.file.Path> getCertificates() {
            return certificates;
        }

        /**
         * Sets certificate files (PEM) or directories of them that the {@code ssl} check reads.
         *
         * @param certificates the paths, such as {@code /etc/ssl/certs/credlink.crt}
         */
        public void setCertificates(List<java.nio.file.Path> certificates) {
            this.certificates = new ArrayList<>(certificates);
        }
    }

    /** How one check is registered; each unset option falls back to the defaults, then the engine's. */
    public static class Check {
        private @Nullable Boolean enabled;
        private @Nullable Duration timeout;
        private @Nullable Duration startupTimeout;
        private @Nullable Duration slowThreshold;
        private @Nullable Boolean critical;
        private List<String> tags = new ArrayList<>();
        private @Nullable Duration cacheTtl;
        private @Nullable Duration backgroundInterval;
        private final HysteresisOptions hysteresis = new HysteresisOptions();

        /**
         * Creates options with nothing set.
         */
        public Check() {
        }

        /**
         * Returns whether the check is registered.
         *
         * @return false to leave the check out; null when unset (registered)
         */
        public @Nullable Boolean getEnabled() {
            return enabled;
        }

        /**
         * Sets whether the check is registered.
         *
         * @param enabled false to leave the check out
         */
        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the deadline of one invocation.
         *
         * @return the timeout, or null when unset (2 s)
         */
        public @Nullable Duration getTimeout() {
            return timeout;
        }

        /**
         * Sets the deadline of one invocation; a check that misses it is reported unhealthy at the deadline.
         *
         * @param timeout the timeout
         */
        public void setTimeout(@Nullable Duration timeout) {
            this.timeout = timeout;
        }

        /**
         * Returns the deadline of the first invocation.
         *
         * @return the start-up timeout, or null when unset (the timeout or 10 s, whichever is longer)
         */
        public @Nullable Duration getStartupTimeout() {
            return startupTimeout;
        }

        /**
         * Sets the deadline of the first invocation, made as soon as the application starts.
         *
         * @param startupTimeout the start-up timeout
         */
        public void setStartupTimeout(@Nullable Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
        }

        /**
         * Returns the duration beyond which a successful invocation is reported degraded.
         *
         * @return the slow threshold, or null when unset (5 s)
         */
        public @Nullable Duration getSlowThreshold() {
            return slowThreshold;
        }

        /**
         * Sets the duration beyond which a successful invocation is reported degraded.
         *
         * @param slowThreshold the slow threshold
         */
        public void setSlowThreshold(@Nullable Duration slowThreshold) {
            this.slowThreshold = slowThreshold;
        }

        /**
         * Returns whether the check's failure makes the service unhealthy (else only degraded).
         *
         * @return the criticality, or null when unset (critical)
         */
        public @Nullable Boolean getCritical() {
            return critical;
        }

        /**
         * Sets whether the check's failure makes the service unhealthy; false makes it degrade the service.
         *
         * @param critical the criticality
         */
        public void setCritical(@Nullable Boolean critical) {
            this.critical = critical;
        }

        /**
         * Returns the groups the check joins, such as {@code liveness} or {@code readiness}; they are
         * Actuator's health groups of the same names too.
         *
         * @return the tags, empty when unset
         */
        public List<String> getTags() {
            return tags;
        }

        /**
         * Sets the groups the check joins.
         *
         * @param tags the tags
         */
        public void setTags(List<String> tags) {
            this.tags = new ArrayList<>(tags);
        }

        /**
         * Returns how long an on-demand result is served before the check runs again.
         *
         * @return the cache TTL, or null when unset (1 s)
         */
        public @Nullable Duration getCacheTtl() {
            return cacheTtl;
        }

        /**
         * Sets how long an on-demand result is served before the check runs again; 0 turns the cache off.
         *
         * @param cacheTtl the cache TTL
         */
        public void setCacheTtl(@Nullable Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
        }

        /**
         * Returns the interval of a background check.
         *
         * @return the interval, or null when the check runs on demand
         */
        public @Nullable Duration getBackgroundInterval() {
            return backgroundInterval;
        }

        /**
         * Runs the check in the background at this interval instead of on demand.
         *
         * @param backgroundInterval the interval
         */
        public void setBackgroundInterval(@Nullable Duration backgroundInterval) {
            this.backgroundInterval = backgroundInterval;
        }

        /**
         * Returns how many consecutive results must agree before the status changes.
         *
         * @return the hysteresis options
         */
        public HysteresisOptions getHysteresis() {
            return hysteresis;
        }
    }

    /** Consecutive results needed before a check's reported status changes. */
    public static class HysteresisOptions {
        private @Nullable Integer failures;
        private @Nullable Integer recoveries;

        /**
         * Creates options with nothing set.
         */
        public HysteresisOptions() {
        }

        /**
         * Returns the consecutive failures needed before a healthy check is reported failing.
         *
         * @return the count, or null when unset (1)
         */
        public @Nullable Integer getFailures() {
            return failures;
        }

        /**
         * Sets the consecutive failures needed before a healthy check is reported failing.
         *
         * @param failures the count, at least 1
         */
        public void setFailures(@Nullable Integer failures) {
            this.failures = failures;
        }

        /**
         * Returns the consecutive successes needed before a failing check is reported healthy again.
         *
         * @return the count, or null when unset (1)
         */
        public @Nullable Integer getRecoveries() {
            return recoveries;
        }

        /**
         * Sets the consecutive successes needed before a failing check is reported healthy again.
         *
         * @param recoveries the count, at least 1
         */
        public void setRecoveries(@Nullable Integer recoveries) {
            this.recoveries = recoveries;
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

    /** The runbook endpoints ({@code /health}, {@code /health/detailed}, ...) on the application's server. */
    public static class Http {
        private boolean enabled = true;
        private String basePath = "";
        private @Nullable String token;
        private @Nullable String role;
        private boolean kubernetesAliases;

        /**
         * Creates options with the defaults: enabled at the root, no token, no role.
         */
        public Http() {
        }

        /**
         * Returns whether the endpoints are served.
         *
         * @return true unless switched off
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the endpoints are served.
         *
         * @param enabled false to serve none
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the path the endpoints are served under.
         *
         * @return the base path, empty for the root ({@code /health})
         */
        public String getBasePath() {
            return basePath;
        }

        /**
         * Sets the path the endpoints are served under: {@code /manage} serves {@code /manage/health}.
         *
         * @param basePath the base path
         */
        public void setBasePath(String basePath) {
            this.basePath = basePath;
        }

        /**
         * Returns the bearer token that authorizes details when Spring Security is absent.
         *
         * @return the token, or null (then only loopback callers see details)
         */
        public @Nullable String getToken() {
            return token;
        }

        /**
         * Sets the bearer token that authorizes details: at least 16 characters without white space,
         * typically from the environment ({@code HEALTHMONITOR_HTTP_TOKEN}).
         *
         * @param token the token
         */
        public void setToken(@Nullable String token) {
            this.token = token;
        }

        /**
         * Returns the role an authenticated principal needs to see details when Spring Security is present.
         *
         * @return the role, or null when any authenticated principal may
         */
        public @Nullable String getRole() {
            return role;
        }

        /**
         * Sets the role an authenticated principal needs to see details, such as {@code ACTUATOR}
         * (matched as the authority {@code ROLE_ACTUATOR} or {@code ACTUATOR}).
         *
         * @param role the role
         */
        public void setRole(@Nullable String role) {
            this.role = role;
        }

        /**
         * Returns whether {@code /livez}, {@code /readyz} and {@code /startupz} are served too.
         *
         * @return true when the aliases are served
         */
        public boolean isKubernetesAliases() {
            return kubernetesAliases;
        }

        /**
         * Sets whether {@code /livez}, {@code /readyz} and {@code /startupz} are served too.
         *
         * @param kubernetesAliases true to serve them
         */
        public void setKubernetesAliases(boolean kubernetesAliases) {
            this.kubernetesAliases = kubernetesAliases;
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
