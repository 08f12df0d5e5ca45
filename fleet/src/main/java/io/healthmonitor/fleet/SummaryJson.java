package io.healthmonitor.fleet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.healthmonitor.HealthStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads a {@link Summary} as UTF-8 JSON, within fixed limits on both sides: the
 * writer leaves checks out rather than exceed {@link #MAX_BYTES}, and the reader refuses (with an
 * {@link IllegalArgumentException}) anything larger, deeper or otherwise not what a publisher writes,
 * because any client allowed to write the bucket can write anything.
 *
 * <pre>{"v":1,"service":"orders","instance":"orders-1","status":"healthy","time":"...","heartbeatMillis":5000,
 *  "version":"1.4.2","checks":{"db":"healthy"}}</pre>
 */
final class SummaryJson {

    /** The largest entry written or read, in bytes; also the bucket's maximum value size. */
    static final int MAX_BYTES = 16 * 1024;
    /** The most checks an entry carries. */
    static final int MAX_CHECKS = 256;
    /** The longest check name or version kept. */
    static final int MAX_TEXT = 128;

    private static final int FORMAT = 1;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).maxStringLength(MAX_TEXT * 4)
                    .maxNumberLength(20).build())
            .build();

    private SummaryJson() {
    }

    static byte[] write(Summary summary) {
        int keep = Math.min(summary.checks().size(), MAX_CHECKS);
        while (true) {
            byte[] bytes = write(summary, keep);
            if (bytes.length <= MAX_BYTES) {
                return bytes;
            }
            keep = keep / 2;
        }
    }

    private static byte[] write(Summary summary, int keep) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("v", FORMAT);
            json.writeStringField("service", summary.service());
            json.writeStringField("instance", summary.instance());
            json.writeStringField("status", summary.status().label());
            json.writeStringField("time", summary.time().toString());
            json.writeNumberField("heartbeatMillis", summary.heartbeat().toMillis());
            if (summary.version() != null) {
                json.writeStringField("version", cut(summary.version()));
            }
            boolean truncated = summary.truncated() || keep < summary.checks().size();
            if (truncated) {
                json.writeBooleanField("truncated", true);
            }
            json.writeObjectFieldStart("checks");
            int written = 0;
            for (Map.Entry<String, HealthStatus> check : summary.checks().entrySet()) {
                if (written++ == keep) {
                    break;
                }
                json.writeStringField(cut(check.getKey()), check.getValue().label());
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads an entry of the key {@code <service>.<instance>}; the key, not the body, names the
     * instance, so that an entry cannot pass for another instance's.
     *
     * @throws IllegalArgumentException if the entry is not a summary within the limits
     */
    static Summary read(String service, String instance, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("entry of " + bytes.length + " bytes, more than " + MAX_BYTES);
        }
        HealthStatus status = null;
        Instant time = null;
        String version = null;
        Duration heartbeat = null;
        boolean truncated = false;
        Map<String, HealthStatus> checks = new LinkedHashMap<>();
        try (JsonParser json = FACTORY.createParser(bytes)) {
            expect(json.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "status" -> status = status(json, value);
                    case "time" -> time = time(json, value);
                    case "version" -> version = text(json, value);
                    case "heartbeatMillis" -> heartbeat = heartbeat(json, value);
                    case "truncated" -> truncated = value == JsonToken.VALUE_TRUE;
                    case "checks" -> checks(json, value, checks);
                    default -> json.skipChildren();
                }
            }
            expect(json.currentToken() == JsonToken.END_OBJECT && json.nextToken() == null, "trailing content");
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException bad) {
                throw bad;
            }
            throw new IllegalArgumentException("not valid JSON: " + e.getClass().getSimpleName());
        }
        expect(status != null, "no status");
        expect(time != null, "no time");
        return new Summary(service, instance, status, checks, time, version,
                heartbeat == null ? FleetPublisher.DEFAULT_HEARTBEAT : heartbeat, truncated);
    }

    private static void checks(JsonParser json, JsonToken value, Map<String, HealthStatus> checks) throws IOException {
        expect(value == JsonToken.START_OBJECT, "checks is not an object");
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            expect(!name.isEmpty() && name.length() <= MAX_TEXT, "check name too long");
            expect(checks.size() < MAX_CHECKS, "more than " + MAX_CHECKS + " checks");
            checks.put(name, status(json, json.nextToken()));
        }
    }

    private static HealthStatus status(JsonParser json, JsonToken value) throws IOException {
        expect(value == JsonToken.VALUE_STRING, "status is not a string");
        return HealthStatus.fromLabel(json.getText());
    }

    private static Instant time(JsonParser json, JsonToken value) throws IOException {
        expect(value == JsonToken.VALUE_STRING, "time is not a string");
        try {
            return Instant.parse(json.getText());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 instant");
        }
    }

    private static @Nullable String text(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value == JsonToken.VALUE_STRING, "not a string");
        return cut(json.getText());
    }

    private static Duration heartbeat(JsonParser json, JsonToken value) throws IOException {
        expect(value == JsonToken.VALUE_NUMBER_INT, "heartbeatMillis is not an integer");
        long millis = json.getLongValue();
        expect(millis > 0 && millis <= Duration.ofDays(1).toMillis(), "heartbeatMillis out of range");
        return Duration.ofMillis(millis);
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    private static void expect(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
