package io.healthmonitor.corim;

/**
 * {@code environment-map} (§5.1.4.1) and what it names: the class (§5.1.4.2), the instance
 * (§5.1.4.3) and the group (§5.1.4.4).
 */
final class EnvironmentRules {

    /** environment-map: {@code class}. */
    static final int CLASS = 0;
    /** environment-map: {@code instance}. */
    static final int INSTANCE = 1;
    /** environment-map: {@code group}. */
    static final int GROUP = 2;
    /** class-map: {@code class-id}. */
    static final int CLASS_ID = 0;
    /** class-map: {@code vendor}. */
    static final int VENDOR = 1;
    /** class-map: {@code model}. */
    static final int MODEL = 2;
    /** class-map: {@code layer}. */
    static final int LAYER = 3;
    /** class-map: {@code index}. */
    static final int INDEX = 4;

    private static final MapShape CLASS_MAP = MapShape.closed(Rule.CLASS,
            Member.optional(CLASS_ID, "class-id", EnvironmentRules::classId),
            Member.optional(VENDOR, "vendor", ValueType.TEXT),
            Member.optional(MODEL, "model", ValueType.TEXT),
            Member.optional(LAYER, "layer", ValueType.UINT),
            Member.optional(INDEX, "index", ValueType.UINT)).nonEmpty();

    private static final MapShape ENVIRONMENT = MapShape.closed(Rule.ENVIRONMENT,
            Member.optional(CLASS, "class", EnvironmentRules::classMap),
            Member.optional(INSTANCE, "instance", EnvironmentRules::instance),
            Member.optional(GROUP, "group", EnvironmentRules::group)).nonEmpty();

    /** An environment-map as a value. */
    static final ValueType TYPE = (v, m, p, rule) -> check(v, m, p);

    private EnvironmentRules() {
    }

    /**
     * Checks an environment-map.
     *
     * @return true when it is a non-empty map of known members, usable as a domain
     */
    static boolean check(Validation v, CborItem m, Path p) {
        return ENVIRONMENT.check(v, m, p);
    }

    private static void classMap(Validation v, CborItem m, Path p, Rule rule) {
        CLASS_MAP.check(v, m, p);
        if (m.is(CborItem.Type.MAP) && m.get(MODEL) != null && m.get(VENDOR) == null) {
            v.report(Code.CLASS_MODEL_WITHOUT_VENDOR, p.add("model"), Rule.CLASS,
                    () -> "a class-map with a model must also have a vendor: model names are scoped by vendor");
        }
    }

    /** {@code $class-id-type-choice}: #6.111 oid, #6.37 uuid, #6.560 bytes. */
    private static void classId(Validation v, CborItem id, Path p, Rule rule) {
        if (id.isTagged(CborTag.OID, CborItem.Type.BYTES)) {
            CommonTypes.oid(v, id, p, "class-id");
        } else if (id.isTagged(CborTag.UUID, CborItem.Type.BYTES)) {
            CommonTypes.uuidSize(v, id, p);
        } else if (!id.isTagged(CborTag.BYTES, CborItem.Type.BYTES) && !v.extensionTagged(id)) {
            v.mismatch(id, p, Rule.CLASS, "#6.111 oid, #6.37 uuid or #6.560 bytes ($class-id-type-choice)");
        }
    }

    /** {@code $instance-id-type-choice}: #6.550 ueid, #6.37 uuid, #6.560 bytes, or a key or certificate. */
    private static void instance(Validation v, CborItem id, Path p, Rule rule) {
        if (id.tags.length != 1) {
            v.mismatch(id, p, Rule.INSTANCE, "a tagged instance identifier ($instance-id-type-choice)");
            return;
        }
        long tag = id.tags[0];
        if (tag == CborTag.UEID && id.type == CborItem.Type.BYTES && !id.indefinite) {
            CommonTypes.ueidSize(v, id, p);
        } else if (tag == CborTag.UUID && id.type == CborItem.Type.BYTES) {
            CommonTypes.uuidSize(v, id, p);
        } else if (CryptoKeyRules.identifiesInstance(tag)) {
            CryptoKeyRules.key(v, id, p, Rule.INSTANCE);
        } else if (!v.extensionTagged(id)) {
            v.mismatch(id, p, Rule.INSTANCE, "#6.550 ueid, #6.37 uuid, #6.560 bytes or a key/cert type");
        }
    }

    /** {@code $group-id-type-choice}: #6.37 uuid, #6.560 bytes. */
    private static void group(Validation v, CborItem id, Path p, Rule rule) {
        if (id.isTagged(CborTag.UUID, CborItem.Type.BYTES)) {
            CommonTypes.uuidSize(v, id, p);
        } else if (!id.isTagged(CborTag.BYTES, CborItem.Type.BYTES) && !v.extensionTagged(id)) {
            v.mismatch(id, p, Rule.GROUP, "#6.37 uuid or #6.560 bytes");
        }
    }
}
