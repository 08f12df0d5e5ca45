package io.healthmonitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What {@link HttpEndpointHealthCheck} expects of a response body: a text it contains, and a
 * top-level JSON field with one of some values. Every message it writes is redacted. Immutable.
 */
final class HttpBodyExpectation {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final @Nullable String jsonField;
    private final Set<String> jsonValues;
    private final @Nullable String bodyText;

    HttpBodyExpectation(@Nullable String jsonField, Set<String> jsonValues, @Nullable String bodyText) {
        this.jsonField = jsonField;
        this.jsonValues = Set.copyOf(jsonValues);
        this.bodyText = bodyText;
    }

    /** Nothing is expected of the body: it need not be read. */
    boolean none() {
        return jsonField == null && bodyText == null;
    }

    /** The {@code Accept} header that asks for what is expected. */
    String accept() {
        return jsonField != null ? "application/json, */*;q=0.5" : "*/*";
    }

    /**
     * What is wrong with a body, or null when it meets the expectation.
     *
     * @param bytes the body, complete
     * @param url the endpoint, as messages may show it
     */
    @Nullable String problem(byte[] bytes, String url) {
        if (bodyText != null && !new String(bytes, StandardCharsets.UTF_8).contains(bodyText)) {
            return "response body of " + url + " does not contain \"" + Redactor.redact(bodyText) + "\"";
        }
        if (jsonField == null) {
            return null;
        }
        String value;
        try {
            value = topLevelField(bytes, jsonField);
        } catch (JsonProcessingException e) {
            return "response body of " + url + " is not valid JSON: " + Redactor.redact(e.getOriginalMessage());
        } catch (IOException e) {
            return "response body of " + url + " cannot be read: " + Redactor.redact(e.getMessage());
        }
        if (value == null) {
            return "response body of " + url + " has no top-level \"" + jsonField + "\" field";
        }
        if (!jsonValues.contains(value.toLowerCase(Locale.ROOT))) {
            return "response body of " + url + " has \"" + jsonField + "\": \"" + Redactor.redact(value)
                    + "\", expected one of " + new TreeSet<>(jsonValues);
        }
        return null;
    }

    /** The text of a scalar top-level field, "object"/"array"/"null" for other values, null when absent. */
    private static @Nullable String topLevelField(byte[] bytes, String name) throws IOException {
        try (JsonParser parser = JSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "expected a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(name)) {
                    if (value == JsonToken.START_OBJECT) {
                        return "object";
                    }
                    if (value == JsonToken.START_ARRAY) {
                        return "array";
                    }
                    return value == JsonToken.VALUE_NULL ? "null" : parser.getText();
                }
                parser.skipChildren();
            }
            if (token != JsonToken.END_OBJECT) {
                throw new JsonParseException(parser, "unexpected " + token);
            }
            return null;
        }
    }
}
