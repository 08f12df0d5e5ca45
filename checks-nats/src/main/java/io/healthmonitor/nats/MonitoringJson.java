package io.healthmonitor.nats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the NATS server's monitoring JSON ({@code /healthz}, {@code /varz}) with the streaming
 * parser: objects become maps, scalars their Java values, arrays are skipped (nothing we read is
 * in one).
 */
final class MonitoringJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private MonitoringJson() {
    }

    static Map<String, Object> parse(String json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object");
            }
            return object(parser);
        }
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (value) {
                case START_OBJECT -> fields.put(name, object(parser));
                case START_ARRAY -> parser.skipChildren();
                case VALUE_STRING -> fields.put(name, parser.getText());
                case VALUE_NUMBER_INT -> fields.put(name, parser.getLongValue());
                case VALUE_NUMBER_FLOAT -> fields.put(name, parser.getDoubleValue());
                case VALUE_TRUE, VALUE_FALSE -> fields.put(name, parser.getBooleanValue());
                default -> {
                    // null: absent is the same to us
                }
            }
        }
        return fields;
    }
}
