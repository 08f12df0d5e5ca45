package io.healthmonitor.corim;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of validating one CoRIM (or standalone CoMID): what could be decoded, and every
 * problem found, in document order. The input is acceptable exactly when {@link #valid()} is
 * true. Immutable.
 *
 * @param kind what the input was
 * @param id the corim-id (text, or a UUID in canonical form), or null when absent or unreadable;
 *     for a standalone CoMID its tag-id
 * @param extension the identifier of the extension the CoRIM names in its {@code profile} member
 *     (URI or dotted OID; see {@link CorimExtension}), or null when it names none
 * @param rimValidity the corim-map rim-validity, or null when absent
 * @param signatureValidity the corim-meta signature-validity of a signed CoRIM, or null
 * @param tags one summary per tag in the corim-map, in order, at most {@link CorimLimits#maxListed()};
 *     an element of the corim-map's {@code tags} that is not a tag is a problem, not listed here
 * @param tagsNotListed how many tags followed the listed ones; 0 when all are listed
 * @param entities the corim-map entities (for a CoMID, its entities), in order, at most
 *     {@link CorimLimits#maxListed()}
 * @param entitiesNotListed how many entities followed the listed ones; 0 when all are listed
 * @param tripleCounts the number of triples of each kind over all CoMIDs, listed or not, keyed by CDDL name
 * @param problems everything that makes the input unacceptable; empty when valid
 */
public record CorimValidationResult(
        Kind kind,
        @Nullable String id,
        @Nullable String extension,
        @Nullable Validity rimValidity,
        @Nullable Validity signatureValidity,
        List<Tag> tags,
        int tagsNotListed,
        List<Entity> entities,
        int entitiesNotListed,
        Map<String, Integer> tripleCounts,
        List<CorimProblem> problems) {

    /** What the top-level item was. */
    public enum Kind {
        /** A {@code #6.501} tagged unsigned corim-map. */
        UNSIGNED_CORIM,
        /** A {@code #6.18} COSE_Sign1 signed CoRIM. */
        SIGNED_CORIM,
        /** A standalone concise-mid-tag, validated with {@link CorimValidator#validateComid}. */
        COMID,
        /** Anything else: see the problems. */
        UNKNOWN
    }

    /**
     * A validity period (validity-map, §7.3).
     *
     * @param notBefore start of validity, or null when unbounded
     * @param notAfter end of validity
     */
    public record Validity(@Nullable Instant notBefore, Instant notAfter) {
        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code notAfter} is null
         */
        public Validity {
            Objects.requireNonNull(notAfter, "notAfter");
        }

        /**
         * Tells whether {@code t} lies within the period, bounds included.
         *
         * @param t the instant
         * @return true when valid at {@code t}
         */
        public boolean contains(Instant t) {
            return (notBefore == null || !t.isBefore(notBefore)) && !t.isAfter(notAfter);
        }
    }

    /**
     * Summary of one tag carried by the CoRIM.
     *
     * @param type {@code comid}, {@code coswid}, {@code cotl}, or {@code profile:<tag number>} for a
     *     tag that the CoRIM's extension allows
     * @param tagId the tag-id (text, UUID, or hex), or null when unreadable
     * @param tagVersion the tag-version (0 by default)
     * @param tripleCounts for a CoMID, the number of triples of each kind; empty otherwise
     */
    public record Tag(String type, @Nullable String tagId, long tagVersion, Map<String, Integer> tripleCounts) {
        /**
         * Validates and copies the components.
         *
         * @throws NullPointerException if {@code type} or {@code tripleCounts} is null
         */
        public Tag {
            Objects.requireNonNull(type, "type");
            tripleCounts = Map.copyOf(tripleCounts);
        }
    }

    /**
     * An entity (entity-map, §7.2).
     *
     * @param name the entity-name
     * @param regId the reg-id URI, or null
     * @param roles the distinct role names, in order, such as {@code manifest-signer} (unknown roles as
     *     numbers), at most {@link CorimLimits#maxListed()}
     */
    public record Entity(String name, @Nullable String regId, List<String> roles) {
        /**
         * Validates and copies the components.
         *
         * @throws NullPointerException if {@code name} or {@code roles} is null
         */
        public Entity {
            Objects.requireNonNull(name, "name");
            roles = List.copyOf(roles);
        }
    }

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a non-nullable component is null
     * @throws IllegalArgumentException if a count of items not listed is negative
     */
    public CorimValidationResult {
        Objects.requireNonNull(kind, "kind");
        if (tagsNotListed < 0 || entitiesNotListed < 0) {
            throw new IllegalArgumentException("tagsNotListed and entitiesNotListed must be >= 0");
        }
        tags = List.copyOf(tags);
        entities = List.copyOf(entities);
        // Insertion order kept; a map of one entry has only one order.
        tripleCounts = tripleCounts.size() <= 1 ? Map.copyOf(tripleCounts)
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tripleCounts));
        problems = List.copyOf(problems);
    }

    /**
     * Tells whether the input is acceptable: no problem was found.
     *
     * @return true when {@link #problems()} is empty
     */
    public boolean valid() {
        return problems.isEmpty();
    }

    /**
     * Returns the earliest end of validity among rim-validity and signature-validity, which is
     * when a stored copy should expire.
     *
     * @return the instant, or null when neither validity is present
     */
    public @Nullable Instant expiresAt() {
        Instant a = rimValidity == null ? null : rimValidity.notAfter();
        Instant b = signatureValidity == null ? null : signatureValidity.notAfter();
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /**
     * Tells whether any problem carries the code.
     *
     * @param code a problem code such as {@code profile.unknown}
     * @return true when present
     */
    public boolean hasProblem(String code) {
        return problems.stream().anyMatch(p -> p.code().equals(code));
    }
}
