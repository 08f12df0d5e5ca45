package io.healthmonitor.corim.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.healthmonitor.corim.CorimProblem;
import io.healthmonitor.corim.CorimValidationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shape of validation results and problems, shared by the command line and the CoRIM
 * service's endpoints. Not an API: it may change in any release.
 */
public final class CorimJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Writes one JSON document to memory. */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the document.
         *
         * @param json the generator
         * @throws IOException if the generator fails
         */
        void write(JsonGenerator json) throws IOException;
    }

    private CorimJson() {
    }

    /**
     * Renders one JSON document.
     *
     * @param body writes the document
     * @return the UTF-8 bytes
     */
    public static byte[] render(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the fields of a result inside an object the caller opened.
     *
     * @param json the generator
     * @param r the result
     * @throws IOException if the generator fails
     */
    public static void resultFields(JsonGenerator json, CorimValidationResult r) throws IOException {
        json.writeBooleanField("valid", r.valid());
        json.writeStringField("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
        nullableString(json, "id", r.id());
        nullableString(json, "profile", r.extension());
        instant(json, "expiresAt", r.expiresAt());
        validity(json, "rimValidity", r.rimValidity());
        validity(json, "signatureValidity", r.signatureValidity());
        json.writeArrayFieldStart("tags");
        for (CorimValidationResult.Tag tag : r.tags()) {
            json.writeStartObject();
            json.writeStringField("type", tag.type());
            nullableString(json, "tagId", tag.tagId());
            json.writeNumberField("tagVersion", tag.tagVersion());
            counts(json, "tripleCounts", tag.tripleCounts());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("tagsNotListed", r.tagsNotListed());
        json.writeArrayFieldStart("entities");
        for (CorimValidationResult.Entity entity : r.entities()) {
            json.writeStartObject();
            json.writeStringField("name", entity.name());
            nullableString(json, "regId", entity.regId());
            json.writeArrayFieldStart("roles");
            for (String role : entity.roles()) {
                json.writeString(role);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("entitiesNotListed", r.entitiesNotListed());
        counts(json, "tripleCounts", r.tripleCounts());
        problems(json, r.problems());
    }

    /**
     * Writes a {@code problems} array field.
     *
     * @param json the generator
     * @param problems the problems
     * @throws IOException if the generator fails
     */
    public static void problems(JsonGenerator json, List<CorimProblem> problems) throws IOException {
        json.writeArrayFieldStart("problems");
        for (CorimProblem p : problems) {
            json.writeStartObject();
            json.writeStringField("code", p.code());
            json.writeStringField("path", p.path());
            json.writeStringField("message", p.message());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * Writes a string field, or a null field when the value is null.
     *
     * @param json the generator
     * @param name the field name
     * @param value the value
     * @throws IOException if the generator fails
     */
    public static void nullableString(JsonGenerator json, String name, @Nullable String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }

    /**
     * Writes an ISO-8601 instant field, or a null field when the value is null.
     *
     * @param json the generator
     * @param name the field name
     * @param value the value
     * @throws IOException if the generator fails
     */
    public static void instant(JsonGenerator json, String name, @Nullable Instant value) throws IOException {
        nullableString(json, name, value == null ? null : value.toString());
    }

    private static void validity(JsonGenerator json, String name, CorimValidationResult.@Nullable Validity v)
            throws IOException {
        if (v == null) {
            json.writeNullField(name);
            return;
        }
        json.writeObjectFieldStart(name);
        instant(json, "notBefore", v.notBefore());
        instant(json, "notAfter", v.notAfter());
        json.writeEndObject();
    }

    private static void counts(JsonGenerator json, String name, Map<String, Integer> counts) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            json.writeNumberField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
    }
}
