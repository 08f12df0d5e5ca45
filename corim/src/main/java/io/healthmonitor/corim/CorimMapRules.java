package io.healthmonitor.corim;

import io.healthmonitor.corim.CorimExtension.ExtensionPoint;
import java.util.Map;

/**
 * {@code corim-map} (§4.1): the CoRIM identifier (§4.1.1), its tags (§4.1.2), dependent RIMs
 * (§4.1.3), the profile it names (§4.1.4; an unrecognised one rejects the CoRIM, §4.1), its
 * validity and its entities (§4.1.5).
 */
final class CorimMapRules {

    /** corim-map: {@code id}. */
    static final int ID = 0;
    /** corim-map: {@code tags}. */
    static final int TAGS = 1;
    /** corim-map: {@code dependent-rims}. */
    static final int DEPENDENT_RIMS = 2;
    /** corim-map: {@code profile}. */
    static final int PROFILE = 3;
    /** corim-map: {@code rim-validity}. */
    static final int RIM_VALIDITY = 4;
    /** corim-map: {@code entities}. */
    static final int ENTITIES = 5;
    /** corim-locator-map: {@code href}. */
    static final int HREF = 0;
    /** corim-locator-map: {@code thumbprint}. */
    static final int THUMBPRINT = 1;
    /** How deep a concise tag's content sits below the top-level item: corim-map, tags, tag. */
    private static final int TAG_CONTENT_DEPTH = 3;

    private static final MapShape LOCATOR = MapShape.closed(Rule.LOCATOR,
            Member.required(HREF, "href", (v, href, p, rule) -> {
                if (href.is(CborItem.Type.ARRAY)) {
                    ValueType.nonEmptyArrayOf(ValueType.URI).check(v, href, p, rule);
                } else {
                    ValueType.URI.check(v, href, p, rule);
                }
            }),
            Member.optional(THUMBPRINT, "thumbprint", Digests.ONE_OR_LIST));

    private static final MapShape CORIM_MAP = MapShape.extensible(Rule.CORIM_MAP, ExtensionPoint.CORIM_MAP,
            Member.required(ID, "id", (v, id, p, rule) -> {
                CommonTypes.identifier(v, id, p, Rule.CORIM_ID);
                v.summary().id(CommonTypes.identifierText(v, id));
            }),
            Member.required(TAGS, "tags", ValueType.nonEmptyArrayOf(CorimMapRules::conciseTag)),
            Member.optional(DEPENDENT_RIMS, "dependent-rims",
                    ValueType.nonEmptyArrayOf((v, locator, p, rule) -> LOCATOR.check(v, locator, p))),
            // Read before the other members: the profile decides which extension keys are known.
            Member.optional(PROFILE, "profile", ValueType.ANY),
            Member.optional(RIM_VALIDITY, "rim-validity", (v, m, p, rule) ->
                    v.summary().rimValidity(CommonTypes.validity(v, m, p, CommonTypes.ValidityOf.RIM))),
            Member.optional(ENTITIES, "entities", CorimMapRules::entities));

    private CorimMapRules() {
    }

    /** Checks the corim-map of a {@code #6.501} item, then the domain graphs and the extension's rules. */
    static void check(Validation v, CborItem map, Path p) {
        if (map.type != CborItem.Type.MAP) {
            v.mismatch(map, p, Rule.CORIM_MAP, "#6.501 map");
            return;
        }
        CborItem profile = map.get(PROFILE);
        if (profile != null) {
            profile(v, profile, p.add("profile"));
        }
        CORIM_MAP.checkMembers(v, map, p);
        v.finishGraphs();
        ExtensionRules.checkCorim(v, map);
    }

    /** {@code $profile-type-choice}: #6.32 uri or #6.111 oid, which must name a registered extension. */
    private static void profile(Validation v, CborItem profile, Path p) {
        String id;
        if (profile.isTagged(CborTag.URI, CborItem.Type.TEXT)) {
            id = profile.text();
        } else if (profile.isTagged(CborTag.OID, CborItem.Type.BYTES)) {
            id = Oid.toDotted(profile.bytes());
            if (id == null) {
                CommonTypes.oid(v, profile, p, "the profile OID");
                return;
            }
        } else {
            v.mismatch(profile, p, Rule.PROFILE, "#6.32 uri or #6.111 oid");
            return;
        }
        if (!v.selectExtension(id)) {
            v.report(Code.PROFILE_UNKNOWN, p, Rule.CORIM_MAP, () -> "profile '" + CborItem.printable(id) + "' is not recognised (no registered "
                    + "CorimExtension has this id); failure to recognise the profile MUST result in rejection of the entire CoRIM");
        }
    }

    /** {@code $concise-tag-type-choice}: #6.505 CoSWID, #6.506 CoMID or #6.508 CoTL, each over a byte string. */
    private static void conciseTag(Validation v, CborItem item, Path p, Rule rule) {
        long tag = item.tags.length == 1 ? item.tags[0] : -1;
        String type = tag == CborTag.COSWID ? "coswid" : tag == CborTag.COMID ? "comid" : tag == CborTag.COTL ? "cotl" : null;
        if (type == null || item.type != CborItem.Type.BYTES) {
            if (item.tags.length == 1 && v.extensionTagged(item)) {
                v.summary().tag(new CorimValidationResult.Tag("profile:" + item.tags[0], null, 0, Map.of()));
                return;
            }
            // A problem, not a tag of the summary: it is no tag.
            v.mismatch(item, p, Rule.CONCISE_TAG, "#6.505 CoSWID, #6.506 CoMID or #6.508 CoTL (each wrapping a byte string)");
            return;
        }
        CborItem content = v.embedded(item, p, Rule.CONCISE_TAG, TAG_CONTENT_DEPTH);
        if (content == null) {
            v.summary().tag(new CorimValidationResult.Tag(type, null, 0, Map.of()));
        } else if (tag == CborTag.COMID) {
            v.summary().tag(ComidRules.check(v, content, p));
            v.comidDecoded(item, content, p);
        } else if (tag == CborTag.COSWID) {
            v.summary().tag(CoswidRules.check(v, content, p));
        } else {
            v.summary().tag(CotlRules.check(v, content, p));
        }
    }

    /** {@code [ + corim-entity-map ]}, of which at most one has the manifest-signer role. */
    private static void entities(Validation v, CborItem list, Path p, Rule rule) {
        if (!v.array(list, p, rule, true)) {
            return;
        }
        int signers = 0;
        for (int i = 0; i < list.items.length; i++) {
            CorimValidationResult.Entity e = EntityRules.corimEntity(v, list.items[i], p.add(i));
            if (e == null) {
                continue;
            }
            v.summary().entity(e);
            if (e.roles().contains(EntityRules.MANIFEST_SIGNER) && ++signers == 2) {
                v.report(Code.ENTITY_MULTIPLE_MANIFEST_SIGNERS, p.add(i), Rule.CORIM_ENTITY,
                        () -> "more than one entity has the manifest-signer role; a CoRIM has at most one signer");
            }
        }
    }
}
