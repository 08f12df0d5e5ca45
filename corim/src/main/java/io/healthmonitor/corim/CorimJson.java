package io.healthmonitor.corim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of results, problems and stored profiles, shared by the HTTP handler and the CLI. */
final class CorimJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Writes one JSON document to memory. */
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private CorimJson() {
    }

    static byte[] render(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return out.toByteArray();
    }

    /** The fields of a result, inside an object the caller opened. */
    static void resultFields(JsonGenerator json, CorimValidationResult r) throws IOException {
        json.writeBooleanField("valid", r.valid());
        json.writeStringField("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
        nullableString(json, "id", r.id());
        nullableString(json, "profile", r.profile());
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
        counts(json, "tripleCounts", r.tripleCounts());
        problems(json, r.problems());
    }

    static void problems(JsonGenerator json, List<CorimProblem> problems) throws IOException {
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

    static void storedFields(JsonGenerator json, StoredProfile p) throws IOException {
        json.writeStringField("id", p.id());
        nullableString(json, "profile", p.profile());
        json.writeStringField("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
        json.writeNumberField("sizeBytes", p.sizeBytes());
        json.writeStringField("sha256", p.sha256());
        instant(json, "storedAt", p.storedAt());
        instant(json, "expiresAt", p.expiresAt());
    }

    static void nullableString(JsonGenerator json, String name, @Nullable String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }

    static void instant(JsonGenerator json, String name, @Nullable Instant value) throws IOException {
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
