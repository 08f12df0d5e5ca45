package io.healthmonitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Renders reports as JSON, with jackson-core's streaming generator (no reflection).
 *
 * <p>Two formats. The <em>detailed</em> one is the contract operators query with {@code jq}:
 * <pre>{@code
 * {"overallStatus":"degraded","timestamp":"2026-11-22T10:15:30Z","duration":12.5,
 *  "checks":[{"name":"database","status":"healthy","critical":true,"responseTime":3.2,
 *             "timestamp":"2026-11-22T10:15:30Z","message":"...","details":{...},"error":"...","tags":["readiness"]}]}
 * }</pre>
 * Statuses are {@code healthy}, {@code degraded} and {@code unhealthy}; {@code duration} and
 * {@code responseTime} are milliseconds with microsecond precision; absent optional fields
 * ({@code message}, {@code details}, {@code error}, {@code tags}) are omitted, never null;
 * {@code "checked":false} marks a check that has no first result yet ("not yet checked").
 * The <em>IETF</em> one follows draft-inadarei-api-health-check ({@code application/health+json}):
 * {@code pass}/{@code warn}/{@code fail}, and {@code checks} keyed {@code component:measurement}.
 *
 * <p>Stateless and thread-safe.
 */
public final class HealthJson {

    /** The media type of the detailed and summary formats. */
    public static final String JSON = "application/json";
    /** The media type of the IETF format. */
    public static final String HEALTH_JSON = "application/health+json";

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Detail-key suffixes that name a unit, and the IETF {@code observedUnit} for each. */
    private static final List<Map.Entry<String, String>> UNITS = List.of(
            Map.entry("Millis", "ms"), Map.entry("Seconds", "s"), Map.entry("Days", "d"),
            Map.entry("Bytes", "bytes"), Map.entry("Percent", "%"));

    /** {@code {"status":"..."}} for each status, by ordinal: the anonymous summary, asked most often. */
    private static final byte[][] STATUS_ONLY = Arrays.stream(HealthStatus.values())
            .map(status -> ("{\"status\":\"" + status.label() + "\"}").getBytes(StandardCharsets.UTF_8))
            .toArray(byte[][]::new);

    private HealthJson() {
    }

    /**
     * Renders the detailed report.
     *
     * @param report the report
     * @return UTF-8 JSON
     */
    public static byte[] detailed(HealthReport report) {
        return detailed(report, HealthJson::check);
    }

    /**
     * Renders the detailed report from each check's JSON as {@code renderCheck} gives it (a cache,
     * see {@link CheckJsonCache}): the report's own fields are written here, the checks are copied.
     */
    static byte[] detailed(HealthReport report, Function<CheckResult, byte[]> renderCheck) {
        Objects.requireNonNull(report, "report");
        // Written by hand: a label, an instant and a number need no escaping, and this runs per request.
        byte[] head = ("{\"overallStatus\":\"" + report.status().label() + "\",\"timestamp\":\""
                + JsonText.instant(report.timestamp()) + "\",\"duration\":" + JsonText.millis(report.duration()) + ",\"checks\":[")
                .getBytes(StandardCharsets.US_ASCII);
        List<CheckResult> checks = report.checks();
        byte[][] parts = new byte[checks.size()][];
        // the head, the checks and the commas between them, ]}
        int length = head.length + Math.max(0, checks.size() - 1) + 2;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = renderCheck.apply(checks.get(i));
            length += parts[i].length;
        }
        byte[] body = new byte[length];
        System.arraycopy(head, 0, body, 0, head.length);
        int at = head.length;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            System.arraycopy(parts[i], 0, body, at, parts[i].length);
            at += parts[i].length;
        }
        body[at++] = ']';
        body[at] = '}';
        return body;
    }

    /**
     * Renders the summary: {@code {"status":"healthy"}}, with each check's name and status under
     * {@code checks} when {@code withChecks} is true.
     *
     * @param report     the report
     * @param withChecks whether to name the checks (only for authorized callers)
     * @return UTF-8 JSON
     */
    public static byte[] summary(HealthReport report, boolean withChecks) {
        Objects.requireNonNull(report, "report");
        if (!withChecks) {
            return STATUS_ONLY[report.status().ordinal()].clone();
        }
        return render(json -> {
            json.writeStartObject();
            json.writeStringField("status", report.status().label());
            if (withChecks) {
                json.writeObjectFieldStart("checks");
                for (CheckResult check : report.checks()) {
                    json.writeStringField(check.name(), check.status().label());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }

    /**
     * Renders a history: {@code asOf}, {@code windowSeconds}, the {@code overall} changes, and per
     * check its {@code changes} ({@code at}, {@code from}, {@code to}, {@code message}) and
     * {@code samples} ({@code at}, {@code responseTime} in ms, {@code status}), oldest first.
     * {@code from} is null for a first result.
     *
     * @param history the history
     * @return UTF-8 JSON
     */
    public static byte[] history(HealthHistory history) {
        Objects.requireNonNull(history, "history");
        return render(json -> {
            json.writeStartObject();
            writeInstant(json, "asOf", history.asOf());
            json.writeNumberField("windowSeconds", history.window().toSeconds());
            writeChanges(json, "overall", history.overall());
            json.writeArrayFieldStart("checks");
            for (HealthHistory.Check check : history.checks()) {
                json.writeStartObject();
                json.writeStringField("name", check.name());
                writeChanges(json, "changes", check.changes());
                json.writeArrayFieldStart("samples");
                for (HealthHistory.Sample sample : check.samples()) {
                    json.writeStartObject();
                    writeInstant(json, "at", sample.at());
                    writeMillis(json, "responseTime", sample.responseTime());
                    json.writeStringField("status", sample.status().label());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /**
     * Renders one check as in the detailed report's {@code checks} array.
     *
     * @param check the check's result
     * @return UTF-8 JSON
     */
    public static byte[] check(CheckResult check) {
        Objects.requireNonNull(check, "check");
        return render(json -> writeCheck(json, check));
    }

    /**
     * Renders the report in the IETF health format: each check becomes {@code <name>:responseTime}
     * with the engine's measured response time in ms, plus {@code <name>:<measure>} for each numeric
     * detail whose key names a measurement ({@code latencyMillis}, {@code expiresInDays},
     * {@code freeBytes}, ...; see {@link #measurement(String)}), one entry per unit when a check
     * gives a measure in more than one ({@code freeBytes} and {@code freePercent}).
     *
     * @param report      the report
     * @param withDetails false for the status alone
     * @return UTF-8 JSON
     */
    public static byte[] ietf(HealthReport report, boolean withDetails) {
        Objects.requireNonNull(report, "report");
        return render(json -> {
            json.writeStartObject();
            json.writeStringField("status", ietfStatus(report.status()));
            if (withDetails) {
                json.writeObjectFieldStart("checks");
                for (CheckResult check : report.checks()) {
                    json.writeArrayFieldStart(check.name() + ":responseTime");
                    writeIetfEntry(json, check, check.duration().toNanos() / 1_000_000.0, "ms");
                    json.writeEndArray();
                    for (Map.Entry<String, List<Map.Entry<Number, String>>> measure : measurements(check).entrySet()) {
                        json.writeArrayFieldStart(check.name() + ":" + measure.getKey());
                        for (Map.Entry<Number, String> value : measure.getValue()) {
                            writeIetfEntry(json, check, value.getKey(), value.getValue());
                        }
                        json.writeEndArray();
                    }
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }

    /**
     * A check's numeric details that name a measurement, grouped by measure: {@code freeBytes} and
     * {@code freePercent} are two values of {@code free}, written as one key with two entries (a
     * JSON object must not repeat a key).
     */
    private static Map<String, List<Map.Entry<Number, String>>> measurements(CheckResult check) {
        Map<String, List<Map.Entry<Number, String>>> measures = new LinkedHashMap<>();
        for (Map.Entry<String, Object> detail : check.details().entrySet()) {
            if (detail.getValue() instanceof Number number) {
                Map.Entry<String, String> measurement = measurement(detail.getKey());
                if (measurement != null) {
                    measures.computeIfAbsent(measurement.getKey(), measure -> new ArrayList<>(2))
                            .add(Map.entry(number, measurement.getValue()));
                }
            }
        }
        return measures;
    }

    /**
     * Returns the IETF measurement a numeric detail key names: its measure and unit, for a key that
     * ends with a unit word after the measure's name ({@code latencyMillis} is {@code latency} in
     * {@code ms}). A key whose measure ends with a number counts something within a window of that
     * unit ({@code expiringWithin30Days} is a number of certificates, not of days) and is no
     * measurement; nor is {@code responseTimeMillis}, because the engine's own measurement is the
     * check's {@code responseTime}.
     *
     * @param key the detail key
     * @return the measure and its unit, or null when the key names no measurement
     */
    static Map.@Nullable Entry<String, String> measurement(String key) {
        for (Map.Entry<String, String> unit : UNITS) {
            if (key.endsWith(unit.getKey()) && key.length() > unit.getKey().length()) {
                String measure = key.substring(0, key.length() - unit.getKey().length());
                if (Character.isDigit(measure.charAt(measure.length() - 1)) || measure.equals("responseTime")) {
                    return null;
                }
                return Map.entry(measure, unit.getValue());
            }
        }
        return null;
    }

    /**
     * Returns the IETF status word of a status: {@code pass}, {@code warn} or {@code fail}.
     *
     * @param status the status
     * @return the IETF word
     */
    public static String ietfStatus(HealthStatus status) {
        return switch (status) {
            case HEALTHY -> "pass";
            case DEGRADED -> "warn";
            case UNHEALTHY -> "fail";
        };
    }

    private static void writeIetfEntry(JsonGenerator json, CheckResult check, Object value, String unit)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("componentId", check.name());
        writeValue(json, value instanceof Double d ? JsonText.roundMicros(d) : value);
        json.writeStringField("observedUnit", unit);
        json.writeStringField("status", ietfStatus(check.status()));
        writeInstant(json, "time", check.observedAt());
        if (check.message() != null) {
            json.writeStringField("output", check.message());
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        json.writeFieldName("observedValue");
        writeDetail(json, value);
    }

    private static void writeCheck(JsonGenerator json, CheckResult check) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", check.name());
        json.writeStringField("status", check.status().label());
        json.writeBooleanField("critical", check.critical());
        if (!check.checked()) {
            json.writeBooleanField("checked", false);
        }
        writeMillis(json, "responseTime", check.duration());
        writeInstant(json, "timestamp", check.observedAt());
        if (check.message() != null) {
            json.writeStringField("message", check.message());
        }
        if (!check.details().isEmpty()) {
            json.writeFieldName("details");
            writeDetail(json, check.details());
        }
        if (check.error() != null) {
            json.writeStringField("error", check.error());
        }
        if (!check.tags().isEmpty()) {
            json.writeArrayFieldStart("tags");
            for (String tag : check.tags()) {
                json.writeString(tag);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void writeDetail(JsonGenerator json, Object value) throws IOException {
        if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            json.writeNumber(number);
        } else if (value instanceof Number number) {
            json.writeNumber(number.doubleValue());
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                writeDetail(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName((String) entry.getKey());
                writeDetail(json, entry.getValue());
            }
            json.writeEndObject();
        } else {
            // Details are validated when a result is built; this cannot happen.
            throw new IllegalStateException("not a JSON-safe detail: " + value.getClass().getName());
        }
    }

    private static void writeChanges(JsonGenerator json, String field, List<HealthHistory.Change> changes)
            throws IOException {
        json.writeArrayFieldStart(field);
        for (HealthHistory.Change change : changes) {
            json.writeStartObject();
            writeInstant(json, "at", change.at());
            json.writeStringField("from", change.from() == null ? null : change.from().label());
            json.writeStringField("to", change.to().label());
            json.writeStringField("message", change.message());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeMillis(JsonGenerator json, String field, Duration duration) throws IOException {
        json.writeFieldName(field);
        json.writeNumber(JsonText.millis(duration));
    }

    private static void writeInstant(JsonGenerator json, String field, Instant at) throws IOException {
        json.writeStringField(field, JsonText.instant(at));
    }

    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] render(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return out.toByteArray();
    }
}
