package io.healthmonitor.corim;

/** {@code measurement-map} (§5.1.4.5) and its key, {@code $measured-element-type-choice} (§5.1.4.5.1). */
final class MeasurementRules {

    /** measurement-map: {@code mkey}. */
    static final int MKEY = 0;
    /** measurement-map: {@code mval}. */
    static final int MVAL = 1;
    /** measurement-map: {@code authorized-by}. */
    static final int AUTHORIZED_BY = 2;

    /** {@code $measured-element-type-choice}: #6.111 oid, #6.37 uuid, uint or text. */
    static final ValueType MEASURED_ELEMENT = ValueType.accepting(k -> k.isText() || k.isPlainUint(), (v, k, p, rule) -> {
        if (k.isTagged(CborTag.OID, CborItem.Type.BYTES)) {
            CommonTypes.oid(v, k, p, "mkey");
        } else if (k.isTagged(CborTag.UUID, CborItem.Type.BYTES)) {
            CommonTypes.uuidSize(v, k, p);
        } else if (!k.isPlainUint() && !k.isText() && !v.extensionTagged(k)) {
            v.mismatch(k, p, Rule.MKEY, "#6.111 oid, #6.37 uuid, uint or text ($measured-element-type-choice)");
        }
    });

    private static final MapShape MEASUREMENT = MapShape.closed(Rule.MEASUREMENT,
            Member.optional(MKEY, "mkey", MEASURED_ELEMENT),
            Member.required(MVAL, "mval", MeasurementValueRules.TYPE),
            Member.optional(AUTHORIZED_BY, "authorized-by", CryptoKeyRules.KEYS));

    private MeasurementRules() {
    }

    /**
     * Checks a list of measurement-maps.
     *
     * @param rule the rule of the record holding the list, cited when it is not a list
     * @param nonEmpty whether the CDDL says {@code [ + measurement-map ]}
     */
    static void list(Validation v, CborItem list, Path p, Rule rule, boolean nonEmpty) {
        if (v.array(list, p, rule, nonEmpty)) {
            for (int i = 0; i < list.items.length; i++) {
                MEASUREMENT.check(v, list.items[i], p.add(i));
            }
        }
    }
}
