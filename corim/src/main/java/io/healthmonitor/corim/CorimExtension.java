package io.healthmonitor.corim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An extension of the base CoRIM rules, which the draft calls a <em>profile</em>
 * (draft-ietf-rats-corim §4.1.4, Profile Types): the identifier a CoRIM names in its
 * corim-map {@code profile} member (a URI, or an OID in dotted form), plus what the extension
 * adds: keys it defines at the CDDL extension sockets, extra CBOR tags it allows in type choices,
 * and rules of its own. (Health Monitor keeps the word "profile" for the CoRIM documents an
 * operator stores; this class is the draft's concept.)
 *
 * <p>A CoRIM naming an extension that the validator's {@link CorimExtensions} does not hold is
 * rejected, as §4.1 requires. Instances are immutable and thread-safe provided the rules are.
 */
public final class CorimExtension {

    /** The CDDL extension sockets an extension can add map keys to. */
    public enum ExtensionPoint {
        /** {@code $$corim-map-extension}. */
        CORIM_MAP,
        /** {@code $$corim-entity-map-extension}. */
        CORIM_ENTITY,
        /** {@code $$corim-signer-map-extension}. */
        SIGNER,
        /** {@code $$concise-mid-tag-extension}. */
        COMID,
        /** {@code $$comid-entity-map-extension}. */
        COMID_ENTITY,
        /** {@code $$triples-map-extension}. */
        TRIPLES,
        /** {@code $$measurement-values-map-extension}. */
        MEASUREMENT_VALUES,
        /** {@code $$flags-map-extension}. */
        FLAGS
    }

    /**
     * A tagged value in the plain-Java view handed to {@link Rule}s.
     *
     * @param tag the CBOR tag number
     * @param value the tagged content in the same view
     */
    public record Tagged(long tag, Object value) {
    }

    /**
     * An extension's own rule. The view is plain Java: maps are {@code Map<Object, Object>} with
     * {@code Long} or {@code String} keys in encoding order, arrays are {@code List<Object>},
     * byte strings {@code byte[]}, text {@code String}, integers {@code Long} or
     * {@code BigInteger}, tagged items {@link Tagged}; embedded CoMIDs are already decoded.
     * Implementations must not throw; a thrown exception is reported as a problem.
     */
    public interface Rule {

        /**
         * Checks the whole unsigned CoRIM map.
         *
         * @param corim the corim-map view
         * @return the problems found, empty when none
         */
        default List<CorimProblem> checkCorim(Map<Object, Object> corim) {
            return List.of();
        }

        /**
         * Checks one CoMID, either inside a CoRIM or validated on its own.
         *
         * @param comid the concise-mid-tag view
         * @param path the CoMID's location, such as {@code /tags/0}, to prefix problem paths with
         * @return the problems found, empty when none
         */
        default List<CorimProblem> checkComid(Map<Object, Object> comid, String path) {
            return List.of();
        }
    }

    private final String id;
    private final Map<ExtensionPoint, Set<Object>> extensionKeys;
    private final Set<ExtensionPoint> privateUseKeys;
    private final Set<Long> typeChoiceTags;
    private final List<Rule> rules;

    private CorimExtension(Builder b) {
        this.id = b.id;
        EnumMap<ExtensionPoint, Set<Object>> keys = new EnumMap<>(ExtensionPoint.class);
        b.extensionKeys.forEach((k, v) -> keys.put(k, Set.copyOf(v)));
        this.extensionKeys = keys;
        this.privateUseKeys = b.privateUseKeys.isEmpty() ? Set.of() : Set.copyOf(b.privateUseKeys);
        this.typeChoiceTags = Set.copyOf(b.typeChoiceTags);
        this.rules = List.copyOf(b.rules);
    }

    /**
     * Starts an extension definition.
     *
     * @param id the identifier a CoRIM names in its {@code profile} member: a URI such as {@code tag:arm.com,2025:psa#1.0.0}, or an
     *     OID in dotted form such as {@code 2.16.840.1.113741.1.15.6}
     * @return a builder
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * Returns the identifier.
     *
     * @return the URI or dotted OID
     */
    public String id() {
        return id;
    }

    /**
     * Returns the extension's own rules.
     *
     * @return an unmodifiable list
     */
    public List<Rule> rules() {
        return rules;
    }

    boolean allowsKey(ExtensionPoint point, CborItem key) {
        if (key.isSmallInt() && key.longValue < 0 && privateUseKeys.contains(point)) {
            return true;
        }
        Set<Object> keys = extensionKeys.get(point);
        if (keys == null) {
            return false;
        }
        return key.isSmallInt() ? keys.contains(key.longValue) : key.text() != null && keys.contains(key.text());
    }

    boolean allowsTag(long tag) {
        return typeChoiceTags.contains(tag);
    }

    @Override
    public String toString() {
        return "CorimExtension[" + id + "]";
    }

    /** Builds a {@link CorimExtension}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final Map<ExtensionPoint, Set<Object>> extensionKeys = new EnumMap<>(ExtensionPoint.class);
        private final Set<ExtensionPoint> privateUseKeys = new HashSet<>();
        private final Set<Long> typeChoiceTags = new LinkedHashSet<>();
        private final List<Rule> rules = new ArrayList<>();

        private Builder(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("id must not be blank");
            }
            this.id = id;
        }

        /**
         * Declares integer extension keys the extension defines at an extension socket.
         *
         * @param point the socket
         * @param keys the keys
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder extensionKeys(ExtensionPoint point, long... keys) {
            Objects.requireNonNull(point, "point");
            Set<Object> set = extensionKeys.computeIfAbsent(point, p -> new HashSet<>());
            for (long k : keys) {
                set.add(k);
            }
            return this;
        }

        /**
         * Declares text extension keys the extension defines at an extension socket.
         *
         * @param point the socket
         * @param keys the keys
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder extensionKeys(ExtensionPoint point, String... keys) {
            Objects.requireNonNull(point, "point");
            Set<Object> set = extensionKeys.computeIfAbsent(point, p -> new HashSet<>());
            for (String k : keys) {
                set.add(Objects.requireNonNull(k, "key"));
            }
            return this;
        }

        /**
         * Accepts every negative (private-use) integer key at an extension socket.
         *
         * @param point the socket
         * @return this builder
         * @throws NullPointerException if {@code point} is null
         */
        public Builder privateUseKeys(ExtensionPoint point) {
            privateUseKeys.add(Objects.requireNonNull(point, "point"));
            return this;
        }

        /**
         * Allows extra CBOR tags in the extensible type choices ({@code $class-id-type-choice},
         * {@code $measured-element-type-choice}, {@code $crypto-key-type-choice} and the other
         * {@code $}-sockets) and as values of the extension's keys. Content under such a
         * tag is the extension's business and is checked only by its rules.
         *
         * @param tags the tag numbers
         * @return this builder
         */
        public Builder typeChoiceTags(long... tags) {
            for (long t : tags) {
                typeChoiceTags.add(t);
            }
            return this;
        }

        /**
         * Adds a rule of the extension's own.
         *
         * @param rule the rule
         * @return this builder
         * @throws NullPointerException if {@code rule} is null
         */
        public Builder rule(Rule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Builds the extension.
         *
         * @return the immutable extension
         */
        public CorimExtension build() {
            return new CorimExtension(this);
        }
    }
}
