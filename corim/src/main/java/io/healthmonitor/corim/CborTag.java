package io.healthmonitor.corim;

/**
 * The CBOR tag numbers that CoRIM, COSE and CoSWID use (draft-ietf-rats-corim §11.2 and
 * cddl/cbor-tags.txt, RFC 8949 §3.4, RFC 9052).
 */
final class CborTag {

    /** {@code time = #6.1(number)}, epoch-based date/time. */
    static final long EPOCH_TIME = 1;
    /** Unsigned bignum. */
    static final long POSITIVE_BIGNUM = 2;
    /** Negative bignum. */
    static final long NEGATIVE_BIGNUM = 3;
    /** {@code COSE_Sign1}. */
    static final long COSE_SIGN1 = 18;
    /** {@code uri = #6.32(tstr)}. */
    static final long URI = 32;
    /** {@code uuid = #6.37(bytes)}. */
    static final long UUID = 37;
    /** {@code oid = #6.111(bytes)}. */
    static final long OID = 111;
    /** The CoRIM wrapper removed in draft-07. */
    static final long LEGACY_CORIM = 500;
    /** {@code tagged-unsigned-corim-map}. */
    static final long UNSIGNED_CORIM = 501;
    /** The signed-CoRIM wrapper removed in draft-07. */
    static final long LEGACY_SIGNED_CORIM = 502;
    /** {@code tagged-concise-swid-tag}. */
    static final long COSWID = 505;
    /** {@code tagged-concise-mid-tag}. */
    static final long COMID = 506;
    /** {@code tagged-concise-tl-tag}. */
    static final long COTL = 508;
    /** {@code tagged-ueid-type}. */
    static final long UEID = 550;
    /** {@code tagged-svn}. */
    static final long SVN = 552;
    /** {@code tagged-min-svn}. */
    static final long MIN_SVN = 553;
    /** {@code tagged-pkix-base64-key-type}. */
    static final long PKIX_BASE64_KEY = 554;
    /** {@code tagged-pkix-base64-cert-type}. */
    static final long PKIX_BASE64_CERT = 555;
    /** {@code tagged-pkix-base64-cert-path-type}. */
    static final long PKIX_BASE64_CERT_PATH = 556;
    /** {@code tagged-key-thumbprint-type}. */
    static final long KEY_THUMBPRINT = 557;
    /** {@code tagged-cose-key-type}. */
    static final long COSE_KEY = 558;
    /** {@code tagged-cert-thumbprint-type}. */
    static final long CERT_THUMBPRINT = 559;
    /** {@code tagged-bytes}. */
    static final long BYTES = 560;
    /** {@code tagged-cert-path-thumbprint-type}. */
    static final long CERT_PATH_THUMBPRINT = 561;
    /** {@code tagged-pkix-asn1der-cert-type}. */
    static final long PKIX_ASN1DER_CERT = 562;
    /** {@code tagged-masked-raw-value}. */
    static final long MASKED_RAW_VALUE = 563;
    /** {@code tagged-int-range}. */
    static final long INT_RANGE = 564;

    private CborTag() {
    }
}
