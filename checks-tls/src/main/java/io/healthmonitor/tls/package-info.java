/**
 * Certificate expiry checks for PEM files and directories, PEM text from secrets, PKCS#12 and JKS
 * keystores and live TLS endpoints, with an inventory of the certificates they found and an HTTP
 * handler that lists the ones expiring soon.
 *
 * <p>Start with {@link io.healthmonitor.tls.CertificateExpiryHealthCheck#builder(CertificateSource)}.
 */
package io.healthmonitor.tls;
