package io.healthmonitor.corim;

import java.util.Map;

/** {@code concise-tl-tag} (§6.1): a CoTL, the list of tags to consider and its validity. */
final class CotlRules {

    /** concise-tl-tag: {@code tag-identity}. */
    static final int TAG_IDENTITY = 0;
    /** concise-tl-tag: {@code tags-list}. */
    static final int TAGS_LIST = 1;
    /** concise-tl-tag: {@code tl-validity}. */
    static final int TL_VALIDITY = 2;

    private static final MapShape COTL = MapShape.closed(Rule.COTL,
            Member.required(TAG_IDENTITY, "tag-identity", ComidRules.TAG_IDENTITY_TYPE),
            Member.required(TAGS_LIST, "tags-list", ValueType.nonEmptyArrayOf(ComidRules.TAG_IDENTITY_TYPE)),
            Member.required(TL_VALIDITY, "tl-validity",
                    (v, m, p, rule) -> CommonTypes.validity(v, m, p, CommonTypes.ValidityOf.TAG_LIST)));

    private CotlRules() {
    }

    /** Checks a concise-tl-tag; returns its summary. */
    static CorimValidationResult.Tag check(Validation v, CborItem m, Path p) {
        if (!COTL.check(v, m, p) && !m.is(CborItem.Type.MAP)) {
            return new CorimValidationResult.Tag("cotl", null, 0, Map.of());
        }
        ComidRules.TagIdentity id = ComidRules.TagIdentity.of(v, m.get(TAG_IDENTITY));
        return new CorimValidationResult.Tag("cotl", id.tagId(), id.version(), Map.of());
    }
}
