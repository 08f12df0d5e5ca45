package io.healthmonitor.corim;

import java.util.Map;

/**
 * {@code concise-swid-tag} (RFC 9393, the CDDL of imports/coswid), as a CoRIM carries it in
 * {@code #6.505} (§4.1.2): the tag map, its entity-entry, link-entry and software-meta-entry maps,
 * and through {@link CoswidResourceRules} its payload or evidence. Every map admits RFC 9393's
 * {@code * any-attribute} besides its members; a member's value must have the member's type.
 */
final class CoswidRules {

    // The "global map member" integer indexes of RFC 9393 that these maps use.
    static final int TAG_ID = 0;
    static final int SOFTWARE_NAME = 1;
    static final int ENTITY = 2;
    static final int EVIDENCE = 3;
    static final int LINK = 4;
    static final int SOFTWARE_META = 5;
    static final int PAYLOAD = 6;
    static final int CORPUS = 8;
    static final int PATCH = 9;
    static final int MEDIA = 10;
    static final int SUPPLEMENTAL = 11;
    static final int TAG_VERSION = 12;
    static final int SOFTWARE_VERSION = 13;
    static final int VERSION_SCHEME = 14;
    static final int LANG = 15;
    static final int ENTITY_NAME = 31;
    static final int REG_ID = 32;
    static final int ROLE = 33;
    static final int THUMBPRINT = 34;
    static final int ARTIFACT = 37;
    static final int HREF = 38;
    static final int OWNERSHIP = 39;
    static final int REL = 40;
    static final int MEDIA_TYPE = 41;
    static final int USE = 42;
    static final int ACTIVATION_STATUS = 43;
    static final int CHANNEL_TYPE = 44;
    static final int COLLOQUIAL_VERSION = 45;
    static final int DESCRIPTION = 46;
    static final int EDITION = 47;
    static final int ENTITLEMENT_DATA_REQUIRED = 48;
    static final int ENTITLEMENT_KEY = 49;
    static final int GENERATOR = 50;
    static final int PERSISTENT_ID = 51;
    static final int PRODUCT = 52;
    static final int PRODUCT_FAMILY = 53;
    static final int REVISION = 54;
    static final int SUMMARY = 55;
    static final int UNSPSC_CODE = 56;
    static final int UNSPSC_VERSION = 57;

    /** {@code $rel /= -256..64436 / text}, RFC 9393's bounds as published. */
    static final long REL_MIN = -256;
    static final long REL_MAX = 64436;
    /** {@code bstr .size 16}, a tag-id or generator that is a UUID. */
    static final int UUID_BYTES = 16;

    /** {@code lang => text}, a member of every map through {@code global-attributes}. */
    static final Member LANG_MEMBER = Member.optional(LANG, "lang", ValueType.TEXT);

    /** {@code text / bstr .size 16}: tag-id and generator. */
    private static final ValueType TEXT_OR_UUID = (v, id, p, rule) -> {
        if (id.isBytes()) {
            if (id.byteLength() != UUID_BYTES) {
                v.report(Code.VALUE_SIZE, p, rule, () -> "a byte-string identifier must be 16 bytes, found " + id.byteLength());
            }
        } else if (!id.isText()) {
            v.mismatch(id, p, rule, "text or bstr .size 16");
        }
    };

    /** {@code hash-entry = [ hash-alg-id: int, hash-value: bytes ]}. */
    static final ValueType HASH_ENTRY = (v, h, p, rule) -> {
        if (!h.is(CborItem.Type.ARRAY) || h.items.length != 2) {
            v.mismatch(h, p, rule, "hash-entry [hash-alg-id: int, hash-value: bytes]");
            return;
        }
        ValueType.INT.check(v, h.items[Digests.ALG], p.add(Digests.ALG), rule);
        ValueType.BYTES.check(v, h.items[Digests.VALUE], p.add(Digests.VALUE), rule);
    };

    /** {@code $rel}: a registered or private relation number, or text. */
    private static final ValueType RELATION = (v, rel, p, rule) -> {
        boolean inRange = rel.isPlainInt() && rel.longValue >= REL_MIN && rel.longValue <= REL_MAX;
        if (!inRange && !rel.isText()) {
            v.mismatch(rel, p, rule, "$rel: an integer in -256..64436 or text");
        }
    };

    private static final MapShape ENTITY_ENTRY = MapShape.open(Rule.COSWID_ENTITY, MapShape.Others.COSWID_ATTRIBUTES,
            Member.required(ENTITY_NAME, "entity-name", ValueType.TEXT),
            Member.optional(REG_ID, "reg-id", ValueType.URI),
            Member.required(ROLE, "role", ValueType.oneOrMore(ValueType.INT_OR_TEXT)),
            Member.optional(THUMBPRINT, "thumbprint", HASH_ENTRY),
            LANG_MEMBER);

    private static final MapShape LINK_ENTRY = MapShape.open(Rule.COSWID_LINK, MapShape.Others.COSWID_ATTRIBUTES,
            Member.optional(ARTIFACT, "artifact", ValueType.TEXT),
            Member.required(HREF, "href", ValueType.URI),
            Member.optional(MEDIA, "media", ValueType.TEXT),
            Member.optional(OWNERSHIP, "ownership", ValueType.INT_OR_TEXT),
            Member.required(REL, "rel", RELATION),
            Member.optional(MEDIA_TYPE, "media-type", ValueType.TEXT),
            Member.optional(USE, "use", ValueType.INT_OR_TEXT),
            LANG_MEMBER);

    private static final MapShape SOFTWARE_META_ENTRY = MapShape.open(Rule.COSWID_SOFTWARE_META,
            MapShape.Others.COSWID_ATTRIBUTES,
            Member.optional(ACTIVATION_STATUS, "activation-status", ValueType.TEXT),
            Member.optional(CHANNEL_TYPE, "channel-type", ValueType.TEXT),
            Member.optional(COLLOQUIAL_VERSION, "colloquial-version", ValueType.TEXT),
            Member.optional(DESCRIPTION, "description", ValueType.TEXT),
            Member.optional(EDITION, "edition", ValueType.TEXT),
            Member.optional(ENTITLEMENT_DATA_REQUIRED, "entitlement-data-required", ValueType.BOOL),
            Member.optional(ENTITLEMENT_KEY, "entitlement-key", ValueType.TEXT),
            Member.optional(GENERATOR, "generator", TEXT_OR_UUID),
            Member.optional(PERSISTENT_ID, "persistent-id", ValueType.TEXT),
            Member.optional(PRODUCT, "product", ValueType.TEXT),
            Member.optional(PRODUCT_FAMILY, "product-family", ValueType.TEXT),
            Member.optional(REVISION, "revision", ValueType.TEXT),
            Member.optional(SUMMARY, "summary", ValueType.TEXT),
            Member.optional(UNSPSC_CODE, "unspsc-code", ValueType.TEXT),
            Member.optional(UNSPSC_VERSION, "unspsc-version", ValueType.TEXT),
            LANG_MEMBER);

    private static final MapShape TAG = MapShape.open(Rule.COSWID_TAG, MapShape.Others.COSWID_ATTRIBUTES,
            Member.required(TAG_ID, "tag-id", TEXT_OR_UUID),
            Member.required(TAG_VERSION, "tag-version", ValueType.INT),
            Member.optional(CORPUS, "corpus", ValueType.BOOL),
            Member.optional(PATCH, "patch", ValueType.BOOL),
            Member.optional(SUPPLEMENTAL, "supplemental", ValueType.BOOL),
            Member.required(SOFTWARE_NAME, "software-name", ValueType.TEXT),
            Member.optional(SOFTWARE_VERSION, "software-version", ValueType.TEXT),
            Member.optional(VERSION_SCHEME, "version-scheme", ValueType.INT_OR_TEXT),
            Member.optional(MEDIA, "media", ValueType.TEXT),
            Member.optional(SOFTWARE_META, "software-meta", ValueType.oneOrMore(shaped(SOFTWARE_META_ENTRY))),
            Member.required(ENTITY, "entity", ValueType.oneOrMore(shaped(ENTITY_ENTRY))),
            Member.optional(LINK, "link", ValueType.oneOrMore(shaped(LINK_ENTRY))),
            // Deferred: CoswidResourceRules uses this class's members while it initialises.
            Member.optional(PAYLOAD, "payload", (v, m, p, rule) -> CoswidResourceRules.PAYLOAD.check(v, m, p, rule)),
            Member.optional(EVIDENCE, "evidence", (v, m, p, rule) -> CoswidResourceRules.EVIDENCE.check(v, m, p, rule)),
            LANG_MEMBER);

    private CoswidRules() {
    }

    /** A map of the given shape as a value. */
    static ValueType shaped(MapShape shape) {
        return (v, m, p, rule) -> shape.check(v, m, p);
    }

    /** Checks a concise-swid-tag; returns its summary. */
    static CorimValidationResult.Tag check(Validation v, CborItem m, Path p) {
        if (!TAG.check(v, m, p) && !m.is(CborItem.Type.MAP)) {
            return new CorimValidationResult.Tag("coswid", null, 0, Map.of());
        }
        if (m.get(PAYLOAD) != null && m.get(EVIDENCE) != null) {
            v.report(Code.COSWID_PAYLOAD_AND_EVIDENCE, p.add("evidence"), Rule.COSWID_TAG,
                    () -> "a CoSWID carries a payload or evidence, not both (? payload-or-evidence)");
        }
        CborItem id = m.get(TAG_ID);
        CborItem version = m.get(TAG_VERSION);
        return new CorimValidationResult.Tag("coswid", CommonTypes.identifierText(v, id),
                version != null && version.isPlainInt() ? version.longValue : 0, Map.of());
    }
}
