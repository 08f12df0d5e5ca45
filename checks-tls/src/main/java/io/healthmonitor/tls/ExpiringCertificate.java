package io.healthmonitor.tls;

import java.util.Objects;

/**
 * A certificate as the {@link CertificateInventory} lists it: which check found it, and how many
 * days it had left when listed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param check       the name the check was added to the inventory under
 * @param certificate the certificate
 * @param daysLeft    whole days left at the time of listing, rounded down; negative once expired
 */
public record ExpiringCertificate(String check, CertificateInfo certificate, long daysLeft) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if {@code check} or {@code certificate} is null
     * @throws IllegalArgumentException if {@code check} is blank
     */
    public ExpiringCertificate {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(certificate, "certificate");
        if (check.isBlank()) {
            throw new IllegalArgumentException("check must not be blank");
        }
    }
}
