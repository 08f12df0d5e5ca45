package io.healthmonitor.nats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Redactor;
import io.healthmonitor.StatusChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Writes the events of {@link NatsHealthEventPublisher} as UTF-8 JSON; the schema is in docs/checks-nats.md. */
final class EventJson {

    static final int VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

    private EventJson() {
    }

    static byte[] statusChange(String service, long sequence, Instant publishedAt, StatusChange change) {
        return write(json -> {
            header(json, "status-change", service, sequence, publishedAt);
            json.writeStringField("check", change.check());
            HealthStatus previous = change.previous();
            if (previous == null) {
                json.writeNullField("previous");
            } else {
                json.writeStringField("previous", previous.label());
            }
            json.writeStringField("current", change.current().label());
            checkFields(json, change.result());
        });
    }

    static byte[] report(String service, long sequence, Instant publishedAt, HealthReport report) {
        return write(json -> {
            header(json, "report", service, sequence, publishedAt);
            json.writeStringField("overallStatus", report.status().label());
            json.writeStringField("timestamp", report.timestamp().toString());
            json.writeNumberField("responseTime", report.duration().toMillis());
            json.writeArrayFieldStart("checks");
            for (CheckResult check : report.checks()) {
                json.writeStartObject();
                json.writeStringField("name", check.name());
                json.writeStringField("status", check.status().label());
                checkFields(json, check);
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private static void header(JsonGenerator json, String type, String service, long sequence, Instant publishedAt)
            throws IOException {
        json.writeStringField("type", type);
        json.writeNumberField("version", VERSION);
        json.writeStringField("service", service);
        json.writeNumberField("sequence", sequence);
        json.writeStringField("publishedAt", publishedAt.toString());
    }

    private static void checkFields(JsonGenerator json, CheckResult result) throws IOException {
        json.writeBooleanField("critical", result.critical());
        nullableString(json, "message", result.message());
        nullableString(json, "error", result.error());
        json.writeNumberField("responseTime", result.responseTimeMillis());
        json.writeStringField("observedAt", result.observedAt().toString());
        json.writeArrayFieldStart("tags");
        for (String tag : new TreeSet<>(result.tags())) {
            json.writeString(tag);
        }
        json.writeEndArray();
        json.writeFieldName("details");
        value(json, result.details());
    }

    private static void nullableString(JsonGenerator json, String name, @Nullable String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            // Results are redacted by the engine already; this leaves the process, so once more costs little.
            json.writeStringField(name, Redactor.redact(value));
        }
    }

    private static void value(JsonGenerator json, @Nullable Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(Redactor.redact(text));
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            json.writeNumber(big);
        } else if (value instanceof BigDecimal decimal) {
            json.writeNumber(decimal);
        } else if (value instanceof Number number) {
            json.writeNumber(number.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                value(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                value(json, element);
            }
            json.writeEndArray();
        } else {
            // HealthResult admits only the types above; anything else is written as text.
            json.writeString(Redactor.redact(value.toString()));
        }
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a health event", e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }
}
