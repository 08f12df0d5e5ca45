package io.healthmonitor.fleet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.healthmonitor.HealthStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * Writes a {@link FleetSnapshot} as the JSON of {@code GET /health/fleet}:
 *
 * <pre>{"view":{"status":"live","since":null,"skippedEntries":0},
 *  "services":[{"name":"orders","status":"healthy","instances":[
 *    {"id":"orders-1","status":"healthy","ageSeconds":1.2,"stale":false,"version":"1.4.2","checks":{"db":"healthy"}}]}]}</pre>
 */
final class FleetJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private FleetJson() {
    }

    static byte[] write(FleetSnapshot snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + snapshot.services().size() * 256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("view");
            json.writeStringField("status", snapshot.state().label());
            if (snapshot.since() == null) {
                json.writeNullField("since");
            } else {
                json.writeStringField("since", snapshot.since().toString());
            }
            json.writeNumberField("skippedEntries", snapshot.skippedEntries());
            json.writeEndObject();
            json.writeArrayFieldStart("services");
            for (FleetService service : snapshot.services()) {
                json.writeStartObject();
                json.writeStringField("name", service.name());
                json.writeStringField("status", service.status().label());
                json.writeArrayFieldStart("instances");
                for (FleetInstance instance : service.instances()) {
                    instance(json, instance);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return out.toByteArray();
    }

    private static void instance(JsonGenerator json, FleetInstance instance) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", instance.id());
        json.writeStringField("status", instance.status().label());
        json.writeNumberField("ageSeconds", seconds(instance.age()));
        json.writeBooleanField("stale", instance.stale());
        if (instance.version() != null) {
            json.writeStringField("version", instance.version());
        }
        json.writeObjectFieldStart("checks");
        for (Map.Entry<String, HealthStatus> check : instance.checks().entrySet()) {
            json.writeStringField(check.getKey(), check.getValue().label());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static BigDecimal seconds(Duration age) {
        return BigDecimal.valueOf(age.toMillis()).movePointLeft(3).setScale(1, RoundingMode.HALF_UP);
    }
}
