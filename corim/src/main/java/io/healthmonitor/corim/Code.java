package io.healthmonitor.corim;

/**
 * Every problem code the validator reports of its own ({@link CorimProblem#code()}); an
 * extension's rules add theirs. {@link Rule} says which rule raises which code.
 */
enum Code {
    /** A value of the wrong CBOR type, tag or shape. */
    TYPE_MISMATCH("type.mismatch"),
    /** A mandatory map member is absent. */
    MEMBER_MISSING("member.missing"),
    /** A map key that the rule does not define and no recognised extension adds. */
    MEMBER_UNKNOWN("member.unknown"),
    /** An array that must hold at least one element is empty. */
    ARRAY_EMPTY("array.empty"),
    /** A map that must hold at least one member is empty. */
    MAP_EMPTY("map.empty"),
    /** A map key occurs twice (RFC 8949 §5.6). */
    DUPLICATE_KEY("cbor.duplicate-key"),
    /** A value of the right type outside the values the rule allows. */
    VALUE_INVALID("value.invalid"),
    /** A byte string of a length the rule does not allow. */
    VALUE_SIZE("value.size"),
    /** A number that no Java type of the model can hold. */
    VALUE_OUT_OF_RANGE("value.out-of-range"),
    /** Embedded CBOR ({@code bytes .cbor T}) that is not well-formed. */
    CBOR_MALFORMED("cbor.malformed"),
    /** Embedded CBOR followed by more bytes. */
    CBOR_TRAILING_BYTES("cbor.trailing-bytes"),
    /** Embedded CBOR using decimal fractions or bigfloats. */
    CBOR_UNSUPPORTED("cbor.unsupported"),
    /** Embedded CBOR with a map key other than int or text. */
    CBOR_UNSUPPORTED_KEY("cbor.unsupported-key"),
    /** The top-level item is neither {@code #6.501} nor {@code #6.18}. */
    CORIM_UNEXPECTED_TYPE("corim.unexpected-type"),
    /** An untagged corim-map, the pre-draft-07 encoding. */
    CORIM_UNTAGGED("corim.untagged"),
    /** The tags 500 and 502 that draft-07 removed. */
    CORIM_LEGACY_WRAPPER("corim.legacy-wrapper"),
    /** A signed CoRIM whose payload is not {@code #6.501}. */
    CORIM_UNTAGGED_PAYLOAD("corim.untagged-payload"),
    /** The CoRIM names a profile that no registered {@link CorimExtension} defines. */
    PROFILE_UNKNOWN("profile.unknown"),
    /** An extension's own rule threw. */
    PROFILE_RULE_FAILED("profile.rule-failed"),
    /** More than one corim entity has the manifest-signer role. */
    ENTITY_MULTIPLE_MANIFEST_SIGNERS("entity.multiple-manifest-signers"),
    /** A validity-map whose not-before is after its not-after. */
    VALIDITY_INVERTED("validity.inverted"),
    /** rim-validity ended before the evaluation time. */
    RIM_VALIDITY_EXPIRED("rim-validity.expired"),
    /** rim-validity starts after the evaluation time. */
    RIM_VALIDITY_NOT_YET_VALID("rim-validity.not-yet-valid"),
    /** signature-validity ended before the evaluation time. */
    SIGNATURE_VALIDITY_EXPIRED("signature-validity.expired"),
    /** signature-validity starts after the evaluation time. */
    SIGNATURE_VALIDITY_NOT_YET_VALID("signature-validity.not-yet-valid"),
    /** tl-validity ended before the evaluation time. */
    TL_VALIDITY_EXPIRED("tl-validity.expired"),
    /** tl-validity starts after the evaluation time. */
    TL_VALIDITY_NOT_YET_VALID("tl-validity.not-yet-valid"),
    /** A class-map with a model but no vendor. */
    CLASS_MODEL_WITHOUT_VENDOR("class.model-without-vendor"),
    /** raw-value-mask-DEPRECATED without raw-value. */
    MVAL_MASK_WITHOUT_RAW_VALUE("mval.mask-without-raw-value"),
    /** A masked raw value and its mask differ in length. */
    RAW_VALUE_MASK_LENGTH("raw-value.mask-length"),
    /** An int-range whose min is greater than its max. */
    INT_RANGE_MIN_GREATER_THAN_MAX("int-range.min-greater-than-max"),
    /** One hash algorithm twice in a digests list. */
    DIGEST_DUPLICATE_ALG("digest.duplicate-alg"),
    /** A digest whose length is not that of its Named Information algorithm. */
    DIGEST_LENGTH_MISMATCH("digest.length-mismatch"),
    /** The domain membership graph has a cycle. */
    GRAPH_MEMBERSHIP_CYCLE("graph.membership-cycle"),
    /** The trust dependency graph has a cycle. */
    GRAPH_DEPENDENCY_CYCLE("graph.dependency-cycle"),
    /** A CoSWID with both payload and evidence. */
    COSWID_PAYLOAD_AND_EVIDENCE("coswid.payload-and-evidence"),
    /** A COSE algorithm the validator cannot verify. */
    COSE_ALG_UNSUPPORTED("cose.alg-unsupported"),
    /** The protected header lacks content-type. */
    COSE_CONTENT_TYPE_MISSING("cose.content-type-missing"),
    /** The protected content-type is not application/rim+cbor. */
    COSE_CONTENT_TYPE_MISMATCH("cose.content-type-mismatch"),
    /** The protected header has neither corim-meta nor CWT-Claims. */
    COSE_META_MISSING("cose.meta-missing"),
    /** CWT-Claims and corim-meta disagree. */
    COSE_META_CWT_INCONSISTENT("cose.meta-cwt-inconsistent"),
    /** A hash envelope (RFC 9995), which the validator does not verify. */
    COSE_HASH_ENVELOPE_UNSUPPORTED("cose.hash-envelope-unsupported"),
    /** The payload is detached (nil) and was not given. */
    COSE_DETACHED_PAYLOAD_MISSING("cose.detached-payload-missing"),
    /** A detached payload was given for a CoRIM whose payload is not detached. */
    COSE_PAYLOAD_NOT_DETACHED("cose.payload-not-detached"),
    /** A header parameter in both the protected and the unprotected bucket. */
    COSE_HEADER_IN_BOTH_BUCKETS("cose.header-in-both-buckets"),
    /** crit outside the protected bucket. */
    COSE_CRIT_UNPROTECTED("cose.crit-unprotected"),
    /** crit names a header parameter the validator does not process. */
    COSE_CRIT_NOT_UNDERSTOOD("cose.crit-not-understood"),
    /** IV and Partial IV together. */
    COSE_IV_AND_PARTIAL_IV("cose.iv-and-partial-iv"),
    /** The signature does not verify with any configured key. */
    COSE_SIGNATURE_INVALID("cose.signature-invalid"),
    /** No key to verify the signature with. */
    COSE_NO_VERIFICATION_KEY("cose.no-verification-key"),
    /** The x5chain does not validate to a trust anchor. */
    COSE_X5CHAIN_UNTRUSTED("cose.x5chain-untrusted"),
    /** The CWT exp is before the evaluation time. */
    CWT_EXPIRED("cwt.expired"),
    /** The CWT nbf is after the evaluation time. */
    CWT_NOT_YET_VALID("cwt.not-yet-valid");

    private final String text;

    Code(String text) {
        this.text = text;
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
