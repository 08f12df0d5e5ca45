package io.healthmonitor.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JSON body into plain maps, lists, strings, numbers, booleans and nulls with jackson-core's
 * streaming parser, and writes such values back as compact JSON for failure messages.
 */
final class JsonBody {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Marks the absence of a value, where JSON null is a value. */
    private static final Object END_OF_ARRAY = new Object();

    private JsonBody() {
    }

    /**
     * Parses one JSON value that must make up the whole body.
     *
     * @throws IOException if the body is not exactly one well-formed JSON value
     */
    static @Nullable Object parse(String body) throws IOException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("the body is empty");
            }
            Object value = read(parser, first);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new IOException("unexpected " + trailing + " after the JSON value at " + location(parser));
            }
            return value;
        }
    }

    /** Renders a parsed (or detail) value as compact JSON. */
    static String write(@Nullable Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            write(json, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static @Nullable Object read(JsonParser parser, @Nullable JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("the body ends before the JSON value does");
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, @Nullable Object> object = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    if (next != JsonToken.FIELD_NAME) {
                        throw new IOException("the body ends inside an object at " + location(parser));
                    }
                    String name = parser.currentName();
                    object.put(name, read(parser, parser.nextToken()));
                }
                return Collections.unmodifiableMap(object);
            }
            case START_ARRAY: {
                List<@Nullable Object> array = new ArrayList<>();
                for (Object item = element(parser); item != END_OF_ARRAY; item = element(parser)) {
                    array.add(item);
                }
                return Collections.unmodifiableList(array);
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + token + " at " + location(parser));
        }
    }

    private static @Nullable Object element(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        return token == JsonToken.END_ARRAY ? END_OF_ARRAY : read(parser, token);
    }

    private static void write(JsonGenerator json, @Nullable Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Number number) {
            json.writeNumber(number.toString());
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                write(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                write(json, entry.getValue());
            }
            json.writeEndObject();
        } else {
            json.writeString(value.toString());
        }
    }

    private static String location(JsonParser parser) {
        return "line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr();
    }
}
