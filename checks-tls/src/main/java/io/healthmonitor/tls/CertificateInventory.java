package io.healthmonitor.tls;

import io.healthmonitor.micrometer.HealthMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The certificates that a service's {@link CertificateExpiryHealthCheck}s found, for queries such
 * as "which certificates expire within 7 days" and for metrics. Serve it over HTTP with
 * {@link ExpiringCertificatesEndpoint}.
 *
 * <pre>{@code
 * CertificateInventory inventory = CertificateInventory.builder()
 *         .add("api-tls", apiCheck)
 *         .add("db-tls", databaseCheck)
 *         .metrics(registry, "credlink")      // credlink_certificates_expiring_7d, ...
 *         .build();
 * List<ExpiringCertificate> soon = inventory.expiringWithin(7);
 * }</pre>
 *
 * <p>The inventory lists what each check read at its last invocation (a source that failed keeps
 * its previous certificates); it never reads a source itself, so queries are cheap and never touch
 * the network. A check that has not run yet is listed by {@link #pending()}. Immutable and thread-safe.
 */
public final class CertificateInventory {

    /** The largest number of days a query may ask for: 100 years. */
    public static final int MAX_DAYS = 36_500;

    private static final Comparator<ExpiringCertificate> BY_EXPIRY = Comparator
            .comparing((ExpiringCertificate listed) -> listed.certificate().notAfter())
            .thenComparing(ExpiringCertificate::check)
            .thenComparing(listed -> listed.certificate().source())
            .thenComparing(listed -> listed.certificate().serialNumber());

    private final Map<String, CertificateExpiryHealthCheck> checks;
    private final InstantSource clock;

    private CertificateInventory(Builder builder) {
        this.checks = Collections.unmodifiableMap(new LinkedHashMap<>(builder.checks));
        this.clock = builder.clock;
    }

    /**
     * Starts an inventory.
     *
     * @return a builder with no checks, the system clock and no metrics
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the certificates that expire within {@code days} days of now, expired ones included,
     * the first to expire first.
     *
     * @param days the window in days, 0 for expired ones only
     * @return an unmodifiable list
     * @throws IllegalArgumentException if {@code days} is negative or more than {@link #MAX_DAYS}
     */
    public List<ExpiringCertificate> expiringWithin(int days) {
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 0 and " + MAX_DAYS);
        }
        return expiringWithin(Duration.ofDays(days));
    }

    /**
     * Returns every certificate the checks last read, the first to expire first.
     *
     * @return an unmodifiable list
     */
    public List<ExpiringCertificate> certificates() {
        return listed(clock.instant(), null);
    }

    /**
     * Returns the names of the checks that have not yet read any certificate.
     *
     * @return the names, sorted
     */
    public Set<String> pending() {
        SortedSet<String> pending = new TreeSet<>();
        checks.forEach((name, check) -> {
            if (check.latest().certificates() == null) {
                pending.add(name);
            }
        });
        return Collections.unmodifiableSortedSet(pending);
    }

    /**
     * Returns the names of the checks in this inventory.
     *
     * @return the names, in the order added
     */
    public Set<String> checks() {
        return checks.keySet();
    }

    /** The current time, as the inventory measures expiry. */
    InstantSource clock() {
        return clock;
    }

    List<ExpiringCertificate> expiringWithin(Duration window) {
        Instant now = clock.instant();
        return listed(now, now.plus(window));
    }

    private List<ExpiringCertificate> listed(Instant now, @Nullable Instant limit) {
        List<ExpiringCertificate> result = new ArrayList<>();
        checks.forEach((name, check) -> {
            List<CertificateInfo> certificates = check.latest().certificates();
            if (certificates != null) {
                for (CertificateInfo certificate : certificates) {
                    if (limit == null || !certificate.notAfter().isAfter(limit)) {
                        result.add(new ExpiringCertificate(name, certificate, certificate.daysLeft(now)));
                    }
                }
            }
        });
        result.sort(BY_EXPIRY);
        return List.copyOf(result);
    }

    /** Builds a {@link CertificateInventory}; not thread-safe. */
    public static final class Builder {
        private final Map<String, CertificateExpiryHealthCheck> checks = new LinkedHashMap<>();
        private InstantSource clock = Clock.systemUTC();
        private @Nullable HealthMetrics metrics;

        private Builder() {
        }

        /**
         * Adds a check, under the name it is registered with in the monitor.
         *
         * @param name  the check's name, unique in this inventory
         * @param check the check
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder add(String name, CertificateExpiryHealthCheck check) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(check, "check");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            if (checks.putIfAbsent(name, check) != null) {
                throw new IllegalArgumentException("a check named '" + name + "' is already in the inventory");
            }
            return this;
        }

        /**
         * Sets the source of the current time for days left and windows (default the system clock).
         *
         * @param value a {@link Clock} or any instant source
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Publishes gauges to {@code registry} under a common prefix: {@code <prefix>.certificate.expiry}
         * (seconds until expiry, one per certificate, tagged {@code check}, {@code source}, {@code cn} and
         * {@code serial}) and {@code <prefix>.certificates.expiring.30d}, {@code .7d} and {@code .1d}
         * (counts; Prometheus shows {@code <prefix>_certificates_expiring_7d}).
         *
         * @param value the binding to a registry and the common name prefix
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder metrics(HealthMetrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /**
         * Builds the inventory and registers its meters, if any.
         *
         * @return an immutable, thread-safe inventory
         */
        public CertificateInventory build() {
            CertificateInventory inventory = new CertificateInventory(this);
            if (metrics != null) {
                CertificateMeters meters = CertificateMeters.register(inventory, metrics);
                inventory.checks.values().forEach(check -> check.latest().onChange(meters::refresh));
            }
            return inventory;
        }
    }
}
