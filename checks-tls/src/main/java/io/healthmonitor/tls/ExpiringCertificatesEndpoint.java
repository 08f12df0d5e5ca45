package io.healthmonitor.tls;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.Endpoint;
import io.healthmonitor.http.EndpointRequest;
import io.healthmonitor.http.EndpointResponse;
import io.healthmonitor.http.RequestRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code GET /api/v1/certificates/expiring?days=7}: the certificates of a
 * {@link CertificateInventory} that expire within {@code days} days (default
 * {@value #DEFAULT_DAYS}), as JSON, as an {@link Endpoint} of healthmonitor-http, so on any server
 * its bindings serve:
 *
 * <pre>{@code
 * Endpoints endpoints = Endpoints.builder()
 *         .endpoint(HealthEndpoints.builder(monitor).authorizer(authorizer).build())
 *         .endpoint(ExpiringCertificatesEndpoint.of(inventory, authorizer))
 *         .build();
 * }</pre>
 *
 * <p>Answers like the health endpoints: {@code GET} and {@code HEAD} only (405 with {@code Allow}
 * otherwise), JSON only (406 otherwise). Certificate subjects are details, so the
 * {@link Authorizer} decides: 401 with a {@code WWW-Authenticate: Bearer} challenge or 403 when it
 * does not grant. A bad {@code days} gets 400. The body is described in
 * {@code docs/checks-tls.md}. Needs healthmonitor-http on the class path. Immutable and thread-safe.
 */
public final class ExpiringCertificatesEndpoint implements Endpoint {

    /** The path it serves. */
    public static final String PATH = "/api/v1/certificates/expiring";

    /** The window used when the request has no {@code days} parameter. */
    public static final int DEFAULT_DAYS = 30;

    private static final JsonFactory JSON = new JsonFactory();

    private final CertificateInventory inventory;
    private final Authorizer authorizer;

    private ExpiringCertificatesEndpoint(CertificateInventory inventory, Authorizer authorizer) {
        this.inventory = inventory;
        this.authorizer = authorizer;
    }

    /**
     * Returns the endpoint serving {@code inventory} to the callers {@code authorizer} grants.
     *
     * @param inventory  the certificates to serve
     * @param authorizer who may see them
     * @return the endpoint
     * @throws NullPointerException if an argument is null
     */
    public static ExpiringCertificatesEndpoint of(CertificateInventory inventory, Authorizer authorizer) {
        return new ExpiringCertificatesEndpoint(Objects.requireNonNull(inventory, "inventory"),
                Objects.requireNonNull(authorizer, "authorizer"));
    }

    @Override
    public @Nullable EndpointResponse handle(EndpointRequest request) {
        if (!PATH.equals(request.path())) {
            return null;
        }
        EndpointResponse refusal = RequestRules.refuseUnlessReadableJson(request);
        if (refusal != null) {
            return refusal;
        }
        Authorizer.Decision decision = authorizer.authorize(request);
        if (decision != Authorizer.Decision.GRANTED) {
            return EndpointResponse.refused(decision);
        }
        Integer days = days(request.queryParameters("days"));
        if (days == null) {
            return EndpointResponse.error(400, "days must be a whole number between 0 and " + CertificateInventory.MAX_DAYS);
        }
        return EndpointResponse.of(200, EndpointResponse.JSON, listing(days));
    }

    /** The requested window, {@link #DEFAULT_DAYS} when absent, or null when malformed or repeated. */
    static @Nullable Integer days(List<String> values) {
        if (values.isEmpty()) {
            return DEFAULT_DAYS;
        }
        if (values.size() > 1 || !values.get(0).matches("\\d{1,5}")) {
            return null;
        }
        int days = Integer.parseInt(values.get(0));
        return days <= CertificateInventory.MAX_DAYS ? days : null;
    }

    private byte[] listing(int days) {
        Instant now = inventory.clock().instant();
        List<ExpiringCertificate> expiring = inventory.expiringWithin(days);
        return json(generator -> {
            generator.writeStartObject();
            generator.writeNumberField("days", days);
            generator.writeStringField("asOf", now.toString());
            generator.writeNumberField("count", expiring.size());
            generator.writeArrayFieldStart("certificates");
            for (ExpiringCertificate listed : expiring) {
                CertificateInfo certificate = listed.certificate();
                generator.writeStartObject();
                generator.writeStringField("check", listed.check());
                generator.writeStringField("source", certificate.source());
                generator.writeStringField("subject", certificate.subject());
                generator.writeStringField("issuer", certificate.issuer());
                generator.writeStringField("serialNumber", certificate.serialNumber());
                generator.writeArrayFieldStart("subjectAlternativeNames");
                for (String name : certificate.subjectAlternativeNames()) {
                    generator.writeString(name);
                }
                generator.writeEndArray();
                generator.writeStringField("notBefore", certificate.notBefore().toString());
                generator.writeStringField("notAfter", certificate.notAfter().toString());
                generator.writeNumberField("daysLeft", listed.daysLeft());
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeArrayFieldStart("pending");
            for (String name : inventory.pending()) {
                generator.writeString(name);
            }
            generator.writeEndArray();
            generator.writeEndObject();
        });
    }

    @FunctionalInterface
    private interface JsonWriter {
        void write(JsonGenerator generator) throws IOException;
    }

    private static byte[] json(JsonWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            writer.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return bytes.toByteArray();
    }
}
