package io.healthmonitor.tls;

import io.healthmonitor.micrometer.HealthMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The inventory's meters: one gauge of seconds until expiry per certificate, and counts of
 * certificates expiring within 30, 7 and 1 days. Values are computed at scrape time from the
 * inventory's clock; the per-certificate rows follow the certificates the checks last read.
 */
final class CertificateMeters {

    private final CertificateInventory inventory;
    private final MultiGauge expiry;

    private CertificateMeters(CertificateInventory inventory, HealthMetrics metrics) {
        this.inventory = inventory;
        MeterRegistry registry = metrics.registry();
        this.expiry = MultiGauge.builder(metrics.name("certificate.expiry"))
                .description("Time until the certificate's notAfter; negative once expired")
                .baseUnit("seconds")
                .register(registry);
        count(metrics, "30d", Duration.ofDays(30));
        count(metrics, "7d", Duration.ofDays(7));
        count(metrics, "1d", Duration.ofDays(1));
    }

    static CertificateMeters register(CertificateInventory inventory, HealthMetrics metrics) {
        CertificateMeters meters = new CertificateMeters(inventory, metrics);
        meters.refresh();
        return meters;
    }

    /** Replaces the per-certificate rows with the certificates the checks hold now. */
    synchronized void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (ExpiringCertificate listed : inventory.certificates()) {
            CertificateInfo certificate = listed.certificate();
            rows.add(MultiGauge.Row.of(
                    Tags.of("check", listed.check(), "source", certificate.source(), "cn", certificate.commonName(),
                            "serial", certificate.serialNumber()),
                    certificate,
                    c -> c.timeLeft(inventory.clock().instant()).getSeconds()));
        }
        expiry.register(rows, true);
    }

    /** Replaces the gauge of an inventory registered earlier on the same registry (a reload). */
    private void count(HealthMetrics metrics, String mark, Duration window) {
        metrics.register(Gauge.builder(metrics.name("certificates.expiring." + mark), inventory,
                        it -> it.expiringWithin(window).size())
                .description("Certificates whose notAfter is within " + mark + ", expired ones included"));
    }
}
