package io.healthmonitor.corim;

import io.healthmonitor.corim.CorimExtension.ExtensionPoint;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code concise-mid-tag} (§5.1): tag identity (§5.1.1), entities (§5.1.2), linked tags (§5.1.3)
 * and triples ({@link TripleRules}).
 */
final class ComidRules {

    /** concise-mid-tag: {@code language}. */
    static final int LANGUAGE = 0;
    /** concise-mid-tag: {@code tag-identity}. */
    static final int TAG_IDENTITY = 1;
    /** concise-mid-tag: {@code entities}. */
    static final int ENTITIES = 2;
    /** concise-mid-tag: {@code linked-tags}. */
    static final int LINKED_TAGS = 3;
    /** concise-mid-tag: {@code triples}. */
    static final int TRIPLES = 4;
    /** tag-identity-map: {@code tag-id}. */
    static final int TAG_ID = 0;
    /** tag-identity-map: {@code tag-version}. */
    static final int TAG_VERSION = 1;
    /** linked-tag-map: {@code linked-tag-id}. */
    static final int LINKED_TAG_ID = 0;
    /** linked-tag-map: {@code tag-rel}. */
    static final int TAG_REL = 1;
    /** {@code $tag-rel-type-choice}: supplements. */
    static final long SUPPLEMENTS = 0;
    /** {@code $tag-rel-type-choice}: replaces. */
    static final long REPLACES = 1;

    /** A tag-id: what {@link Rule#TAG_ID} allows. */
    static final ValueType TAG_ID_TYPE = ValueType.accepting(CborItem::isText,
            (v, id, p, rule) -> CommonTypes.identifier(v, id, p, Rule.TAG_ID));

    private static final MapShape TAG_IDENTITY_MAP = MapShape.closed(Rule.TAG_IDENTITY,
            Member.required(TAG_ID, "tag-id", TAG_ID_TYPE),
            Member.optional(TAG_VERSION, "tag-version", (v, version, p, rule) -> ValueType.UINT.check(v, version, p, Rule.TAG_VERSION)));

    /** A tag-identity-map as a value. */
    static final ValueType TAG_IDENTITY_TYPE = (v, m, p, rule) -> TAG_IDENTITY_MAP.check(v, m, p);

    private static final MapShape LINKED_TAG_MAP = MapShape.closed(Rule.LINKED_TAG,
            Member.required(LINKED_TAG_ID, "linked-tag-id", TAG_ID_TYPE),
            Member.required(TAG_REL, "tag-rel", (v, rel, p, rule) -> {
                boolean known = rel.isPlainInt() && (rel.longValue == SUPPLEMENTS || rel.longValue == REPLACES);
                if (!known && !v.extensionTagged(rel)) {
                    v.report(Code.VALUE_INVALID, p, Rule.LINKED_TAG,
                            () -> "tag-rel must be 0 (supplements) or 1 (replaces), found " + rel.keyLabel());
                }
            }));

    private static final MapShape COMID = MapShape.extensible(Rule.COMID, ExtensionPoint.COMID,
            Member.optional(LANGUAGE, "language", (v, lang, p, rule) -> {
                if (!lang.isText()) {
                    v.mismatch(lang, p, rule, "text (language tag)");
                }
            }),
            Member.required(TAG_IDENTITY, "tag-identity", TAG_IDENTITY_TYPE),
            Member.optional(ENTITIES, "entities", ValueType.nonEmptyArrayOf(
                    (v, e, p, rule) -> EntityRules.comidEntity(v, e, p))),
            Member.optional(LINKED_TAGS, "linked-tags", ValueType.nonEmptyArrayOf(
                    (v, t, p, rule) -> LINKED_TAG_MAP.check(v, t, p))),
            Member.required(TRIPLES, "triples", TripleRules.TYPE));

    /** What a tag-identity-map says, for the summary. */
    record TagIdentity(@Nullable String tagId, long version) {

        static final TagIdentity NONE = new TagIdentity(null, 0);

        /** Reads a checked tag-identity-map. */
        static TagIdentity of(Validation v, @Nullable CborItem m) {
            if (m == null || !m.is(CborItem.Type.MAP)) {
                return NONE;
            }
            CborItem version = m.get(TAG_VERSION);
            long n = version == null || !version.isPlainUint() ? 0 : version.bigValue == null ? version.longValue : Long.MAX_VALUE;
            return new TagIdentity(CommonTypes.identifierText(v, m.get(TAG_ID)), n);
        }
    }

    private ComidRules() {
    }

    /** Checks a concise-mid-tag; returns its summary. */
    static CorimValidationResult.Tag check(Validation v, CborItem m, Path p) {
        if (!COMID.check(v, m, p) && !m.is(CborItem.Type.MAP)) {
            return new CorimValidationResult.Tag("comid", null, 0, Map.of());
        }
        TagIdentity id = TagIdentity.of(v, m.get(TAG_IDENTITY));
        return new CorimValidationResult.Tag("comid", id.tagId(), id.version(), TripleRules.counts(m.get(TRIPLES)));
    }
}
