package io.healthmonitor.corim;

/**
 * {@code $crypto-key-type-choice} (§5.1.4.6): keys, certificates, certificate paths and their
 * thumbprints, each under its tag, and the COSE_Key (RFC 9052 §7) under {@code #6.558}.
 */
final class CryptoKeyRules {

    /** COSE_Key: key type. */
    static final int KTY = 1;
    /** COSE_Key: key identifier. */
    static final int KID = 2;
    /** COSE_Key: algorithm. */
    static final int ALG = 3;
    /** COSE_Key: key operations. */
    static final int KEY_OPS = 4;
    /** COSE_Key: base IV. */
    static final int BASE_IV = 5;

    private static final MapShape COSE_KEY = MapShape.open(Rule.COSE_KEY, MapShape.Others.COSE_LABELS,
            Member.required(KTY, "kty", ValueType.INT_OR_TEXT),
            Member.optional(KID, "kid", ValueType.BYTES),
            Member.optional(ALG, "alg", ValueType.INT_OR_TEXT),
            Member.optional(KEY_OPS, "key_ops", ValueType.nonEmptyArrayOf(ValueType.INT_OR_TEXT)),
            Member.optional(BASE_IV, "Base IV", ValueType.BYTES));

    private CryptoKeyRules() {
    }

    /** {@code [ + $crypto-key-type-choice ]}; an empty or non-array list cites the rule holding it. */
    static final ValueType KEYS = (v, list, p, rule) -> {
        if (v.array(list, p, rule, true)) {
            for (int i = 0; i < list.items.length; i++) {
                key(v, list.items[i], p.add(i), Rule.CRYPTO_KEY);
            }
        }
    };

    /**
     * Checks one {@code $crypto-key-type-choice}.
     *
     * @param rule the rule to cite for a value that is not a tagged key at all
     */
    static void key(Validation v, CborItem k, Path p, Rule rule) {
        if (k.tags.length != 1) {
            v.mismatch(k, p, rule, "a tagged key or certificate ($crypto-key-type-choice)");
            return;
        }
        long tag = k.tags[0];
        if (tag == CborTag.PKIX_BASE64_KEY || tag == CborTag.PKIX_BASE64_CERT || tag == CborTag.PKIX_BASE64_CERT_PATH) {
            if (k.type != CborItem.Type.TEXT) {
                v.mismatch(k, p, rule, "#6." + tag + "(text)");
            }
        } else if (tag == CborTag.KEY_THUMBPRINT || tag == CborTag.CERT_THUMBPRINT || tag == CborTag.CERT_PATH_THUMBPRINT) {
            Digests.body(v, k, p);
        } else if (tag == CborTag.COSE_KEY) {
            coseKey(v, k, p);
        } else if (tag == CborTag.BYTES || tag == CborTag.PKIX_ASN1DER_CERT) {
            if (k.type != CborItem.Type.BYTES) {
                v.mismatch(k, p, rule, "#6." + tag + "(bytes)");
            }
        } else if (!v.extensionTagged(k)) {
            v.mismatch(k, p, rule, "#6.554..#6.562 key, certificate, thumbprint or bytes");
        }
    }

    /** True for the tags of {@code $crypto-key-type-choice} that also identify an instance (§5.1.4.3). */
    static boolean identifiesInstance(long tag) {
        return tag == CborTag.PKIX_BASE64_KEY || tag == CborTag.PKIX_BASE64_CERT || tag == CborTag.KEY_THUMBPRINT
                || tag == CborTag.COSE_KEY || tag == CborTag.CERT_THUMBPRINT || tag == CborTag.BYTES
                || tag == CborTag.PKIX_ASN1DER_CERT;
    }

    private static void coseKey(Validation v, CborItem k, Path p) {
        if (k.type != CborItem.Type.MAP) {
            v.mismatch(k, p, Rule.COSE_KEY, "#6.558(COSE_Key map)");
            return;
        }
        COSE_KEY.checkMembers(v, k, p);
    }
}
