package io.healthmonitor.corim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the rules found out about a document as they check it, turned into the
 * {@link CorimValidationResult} at the end. It lists at most {@code maxListed} tags and entities and
 * counts the rest: a CoRIM of 500,000 one-byte tags would otherwise answer a result 65 times its
 * size. One instance per document; not thread-safe.
 */
final class Summary {

    private final int maxListed;
    private @Nullable String id;
    private @Nullable String extension;
    private CorimValidationResult.@Nullable Validity rimValidity;
    private CorimValidationResult.@Nullable Validity signatureValidity;
    private final List<CorimValidationResult.Tag> tags = new ArrayList<>(2);
    private int tagsNotListed;
    /** The triple counts of every tag, listed or not, in the order the kinds were first met. */
    private final Map<String, Integer> tripleCounts = new LinkedHashMap<>();
    private @Nullable List<CorimValidationResult.Entity> entities;
    private int entitiesNotListed;

    Summary(int maxListed) {
        this.maxListed = maxListed;
    }

    /** The most tags, entities and roles of one entity a result lists. */
    int maxListed() {
        return maxListed;
    }

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
        tag.tripleCounts().forEach((name, n) -> tripleCounts.merge(name, n, Integer::sum));
        if (tags.size() < maxListed) {
            tags.add(tag);
        } else {
            tagsNotListed++;
        }
    }

    /** The first tag's id: what identifies a standalone CoMID. */
    @Nullable String firstTagId() {
        return tags.isEmpty() ? null : tags.get(0).tagId();
    }

    void entity(CorimValidationResult.Entity entity) {
        if (entities == null) {
            entities = new ArrayList<>(2);
        }
        if (entities.size() < maxListed) {
            entities.add(entity);
        } else {
            entitiesNotListed++;
        }
    }

    CorimValidationResult result(CorimValidationResult.Kind kind, List<CorimProblem> problems) {
        return new CorimValidationResult(kind, id, extension, rimValidity, signatureValidity, tags, tagsNotListed,
                entities == null ? List.of() : entities, entitiesNotListed, tripleCounts, problems);
    }
}
