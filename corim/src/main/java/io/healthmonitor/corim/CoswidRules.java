package io.healthmonitor.corim;

import java.util.Map;

/**
 * {@code concise-swid-tag} (RFC 9393), as a CoRIM carries it in {@code #6.505} (§4.1.2): its
 * mandatory members, tag-id, tag-version, software-name and entity (each with entity-name and
 * role).
 */
final class CoswidRules {

    // The "global map member" integer indexes of RFC 9393 that these maps use.
    static final int TAG_ID = 0;
    static final int SOFTWARE_NAME = 1;
    static final int ENTITY = 2;
    static final int TAG_VERSION = 12;
    static final int ENTITY_NAME = 31;
    static final int ROLE = 33;

    private static final MapShape ENTITY_ENTRY = MapShape.open(Rule.COSWID_TAG, MapShape.Others.ANY,
            Member.required(ENTITY_NAME, "entity-name", ValueType.TEXT),
            Member.required(ROLE, "role", ValueType.ANY)).named("entity-entry");

    private static final MapShape TAG = MapShape.open(Rule.COSWID_TAG, MapShape.Others.ANY,
            Member.required(TAG_ID, "tag-id", (v, id, p, rule) -> CommonTypes.identifier(v, id, p, Rule.COSWID_TAG)),
            Member.required(TAG_VERSION, "tag-version", (v, version, p, rule) -> {
                if (!version.isPlainInt()) {
                    v.mismatch(version, p, rule, "integer");
                }
            }),
            Member.required(SOFTWARE_NAME, "software-name", ValueType.TEXT),
            Member.required(ENTITY, "entity", ValueType.oneOrMore((v, m, p, rule) -> ENTITY_ENTRY.check(v, m, p))));

    private CoswidRules() {
    }

    /** Checks a concise-swid-tag; returns its summary. */
    static CorimValidationResult.Tag check(Validation v, CborItem m, Path p) {
        if (!TAG.check(v, m, p) && !m.is(CborItem.Type.MAP)) {
            return new CorimValidationResult.Tag("coswid", null, 0, Map.of());
        }
        CborItem version = m.get(TAG_VERSION);
        return new CorimValidationResult.Tag("coswid", CommonTypes.identifierText(v, m.get(TAG_ID)),
                version != null && version.isPlainInt() ? version.longValue : 0, Map.of());
    }
}
