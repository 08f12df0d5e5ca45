package io.healthmonitor.corim;

/**
 * Every problem code the validator reports of its own ({@link CorimProblem#code()}); an
 * extension's rules add theirs. {@link Rule} says which rule raises which code.
 */
enum Code {
    TYPE_MISMATCH("type.mismatch", "a value of the wrong CBOR type, tag or shape"),
    MEMBER_MISSING("member.missing", "a mandatory map member is absent"),
    MEMBER_UNKNOWN("member.unknown", "a map key that the rule does not define and no recognised extension adds"),
    ARRAY_EMPTY("array.empty", "an array that must hold at least one element is empty"),
    MAP_EMPTY("map.empty", "a map that must hold at least one member is empty"),
    DUPLICATE_KEY("cbor.duplicate-key", "a map key occurs twice (RFC 8949 §5.6)"),
    VALUE_INVALID("value.invalid", "a value of the right type outside the values the rule allows"),
    VALUE_SIZE("value.size", "a byte string of a length the rule does not allow"),
    VALUE_OUT_OF_RANGE("value.out-of-range", "a number that no Java type of the model can hold"),
    CBOR_MALFORMED("cbor.malformed", "embedded CBOR (bytes .cbor T) that is not well-formed"),
    CBOR_TRAILING_BYTES("cbor.trailing-bytes", "embedded CBOR followed by more bytes"),
    CBOR_UNSUPPORTED("cbor.unsupported", "embedded CBOR using decimal fractions or bigfloats"),
    CBOR_UNSUPPORTED_KEY("cbor.unsupported-key", "embedded CBOR with a map key other than int or text"),
    CORIM_UNEXPECTED_TYPE("corim.unexpected-type", "the top-level item is neither #6.501 nor #6.18"),
    CORIM_UNTAGGED("corim.untagged", "an untagged corim-map, the pre-draft-07 encoding"),
    CORIM_LEGACY_WRAPPER("corim.legacy-wrapper", "the tags 500 and 502 that draft-07 removed"),
    CORIM_UNTAGGED_PAYLOAD("corim.untagged-payload", "a signed CoRIM whose payload is not #6.501"),
    PROFILE_UNKNOWN("profile.unknown", "the CoRIM names a profile that no registered CorimExtension defines"),
    PROFILE_RULE_FAILED("profile.rule-failed", "an extension's own rule threw"),
    ENTITY_MULTIPLE_MANIFEST_SIGNERS("entity.multiple-manifest-signers",
            "more than one corim entity has the manifest-signer role"),
    VALIDITY_INVERTED("validity.inverted", "a validity-map whose not-before is after its not-after"),
    RIM_VALIDITY_EXPIRED("rim-validity.expired", "rim-validity ended before the evaluation time"),
    RIM_VALIDITY_NOT_YET_VALID("rim-validity.not-yet-valid", "rim-validity starts after the evaluation time"),
    SIGNATURE_VALIDITY_EXPIRED("signature-validity.expired", "signature-validity ended before the evaluation time"),
    SIGNATURE_VALIDITY_NOT_YET_VALID("signature-validity.not-yet-valid",
            "signature-validity starts after the evaluation time"),
    TL_VALIDITY_EXPIRED("tl-validity.expired", "tl-validity ended before the evaluation time"),
    TL_VALIDITY_NOT_YET_VALID("tl-validity.not-yet-valid", "tl-validity starts after the evaluation time"),
    CLASS_MODEL_WITHOUT_VENDOR("class.model-without-vendor", "a class-map with a model but no vendor"),
    MVAL_MASK_WITHOUT_RAW_VALUE("mval.mask-without-raw-value", "raw-value-mask-DEPRECATED without raw-value"),
    RAW_VALUE_MASK_LENGTH("raw-value.mask-length", "a masked raw value and its mask differ in length"),
    INT_RANGE_MIN_GREATER_THAN_MAX("int-range.min-greater-than-max", "an int-range whose min is greater than its max"),
    DIGEST_DUPLICATE_ALG("digest.duplicate-alg", "one hash algorithm twice in a digests list"),
    DIGEST_LENGTH_MISMATCH("digest.length-mismatch",
            "a digest whose length is not that of its Named Information algorithm"),
    GRAPH_MEMBERSHIP_CYCLE("graph.membership-cycle", "the domain membership graph has a cycle"),
    GRAPH_DEPENDENCY_CYCLE("graph.dependency-cycle", "the trust dependency graph has a cycle"),
    COSWID_PAYLOAD_AND_EVIDENCE("coswid.payload-and-evidence", "a CoSWID with both payload and evidence"),
    COSE_ALG_UNSUPPORTED("cose.alg-unsupported", "a COSE algorithm the validator cannot verify"),
    COSE_CONTENT_TYPE_MISSING("cose.content-type-missing", "the protected header lacks content-type"),
    COSE_CONTENT_TYPE_MISMATCH("cose.content-type-mismatch", "the protected content-type is not application/rim+cbor"),
    COSE_META_MISSING("cose.meta-missing", "the protected header has neither corim-meta nor CWT-Claims"),
    COSE_META_CWT_INCONSISTENT("cose.meta-cwt-inconsistent", "CWT-Claims and corim-meta disagree"),
    COSE_HASH_ENVELOPE_UNSUPPORTED("cose.hash-envelope-unsupported",
            "a hash envelope (RFC 9995), which the validator does not verify"),
    COSE_DETACHED_PAYLOAD_MISSING("cose.detached-payload-missing", "the payload is detached (nil) and was not given"),
    COSE_PAYLOAD_NOT_DETACHED("cose.payload-not-detached",
            "a detached payload was given for a CoRIM whose payload is not detached"),
    COSE_HEADER_IN_BOTH_BUCKETS("cose.header-in-both-buckets",
            "a header parameter in both the protected and the unprotected bucket"),
    COSE_CRIT_UNPROTECTED("cose.crit-unprotected", "crit outside the protected bucket"),
    COSE_CRIT_NOT_UNDERSTOOD("cose.crit-not-understood",
            "crit names a header parameter the validator does not process"),
    COSE_IV_AND_PARTIAL_IV("cose.iv-and-partial-iv", "IV and Partial IV together"),
    COSE_SIGNATURE_INVALID("cose.signature-invalid", "the signature does not verify with any configured key"),
    COSE_NO_VERIFICATION_KEY("cose.no-verification-key", "no key to verify the signature with"),
    COSE_X5CHAIN_UNTRUSTED("cose.x5chain-untrusted", "the x5chain does not validate to a configured trust anchor"),
    CWT_EXPIRED("cwt.expired", "the CWT exp is before the evaluation time"),
    CWT_NOT_YET_VALID("cwt.not-yet-valid", "the CWT nbf is after the evaluation time");

    private final String text;
    private final String meaning;

    Code(String text, String meaning) {
        this.text = text;
        this.meaning = meaning;
    }

    /** What the code means, as docs/corim.md lists it. */
    String meaning() {
        return meaning;
    }

    /** The code as it appears in {@link CorimProblem#code()}. */
    String text() {
        return text;
    }

    /** The code a {@link CorimFormatException} of embedded CBOR becomes, or null for a limit (which is rethrown). */
    static Code ofFormat(String formatCode) {
        for (Code c : new Code[] {CBOR_MALFORMED, CBOR_TRAILING_BYTES, CBOR_UNSUPPORTED, CBOR_UNSUPPORTED_KEY}) {
            if (c.text.equals(formatCode)) {
                return c;
            }
        }
        return CBOR_MALFORMED;
    }
}
