package io.healthmonitor.corim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the rules found out about a document as they check it, turned into the
 * {@link CorimValidationResult} at the end. One instance per document; not thread-safe.
 */
final class Summary {

    private @Nullable String id;
    private @Nullable String extension;
    private CorimValidationResult.@Nullable Validity rimValidity;
    private CorimValidationResult.@Nullable Validity signatureValidity;
    private final List<CorimValidationResult.Tag> tags = new ArrayList<>(2);
    private @Nullable List<CorimValidationResult.Entity> entities;

    void id(@Nullable String value) {
        id = value;
    }

    @Nullable String id() {
        return id;
    }

    void extension(String value) {
        extension = value;
    }

    void rimValidity(CorimValidationResult.@Nullable Validity value) {
        rimValidity = value;
    }

    void signatureValidity(CorimValidationResult.@Nullable Validity value) {
        signatureValidity = value;
    }

    void tag(CorimValidationResult.Tag tag) {
        tags.add(tag);
    }

    /** The first tag's id: what identifies a standalone CoMID. */
    @Nullable String firstTagId() {
        return tags.isEmpty() ? null : tags.get(0).tagId();
    }

    void entity(CorimValidationResult.Entity entity) {
        if (entities == null) {
            entities = new ArrayList<>(2);
        }
        entities.add(entity);
    }

    CorimValidationResult result(CorimValidationResult.Kind kind, List<CorimProblem> problems) {
        Map<String, Integer> counts = tags.size() == 1 ? tags.get(0).tripleCounts() : new LinkedHashMap<>();
        if (tags.size() > 1) {
            for (CorimValidationResult.Tag tag : tags) {
                tag.tripleCounts().forEach((name, n) -> counts.merge(name, n, Integer::sum));
            }
        }
        return new CorimValidationResult(kind, id, extension, rimValidity, signatureValidity, tags,
                entities == null ? List.of() : entities, counts, problems);
    }
}
