package io.healthmonitor.corim;

import static io.healthmonitor.corim.Code.ARRAY_EMPTY;
import static io.healthmonitor.corim.Code.CBOR_MALFORMED;
import static io.healthmonitor.corim.Code.CBOR_TRAILING_BYTES;
import static io.healthmonitor.corim.Code.CBOR_UNSUPPORTED;
import static io.healthmonitor.corim.Code.CBOR_UNSUPPORTED_KEY;
import static io.healthmonitor.corim.Code.DUPLICATE_KEY;
import static io.healthmonitor.corim.Code.MAP_EMPTY;
import static io.healthmonitor.corim.Code.MEMBER_MISSING;
import static io.healthmonitor.corim.Code.MEMBER_UNKNOWN;
import static io.healthmonitor.corim.Code.TYPE_MISMATCH;
import static io.healthmonitor.corim.Code.VALUE_INVALID;
import static io.healthmonitor.corim.Code.VALUE_OUT_OF_RANGE;
import static io.healthmonitor.corim.Code.VALUE_SIZE;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one table of what the validator enforces: each rule, the section of draft-ietf-rats-corim
 * (numbered as in shared/corim/SECTIONS.md) that states it, the RFC a rule adopts where the draft
 * defers to one, and the problem codes the rule raises. Every problem cites its rule's section;
 * {@code RuleTableTest} proves each section exists in the outline and each {@link Code} is raised
 * by some rule, and the validator asserts at each report that the rule lists the code.
 */
enum Rule {
    CORIM("tagged-unsigned-corim-map / signed-corim", "4", null, false,
            Code.CORIM_UNEXPECTED_TYPE, Code.CORIM_UNTAGGED, Code.CORIM_LEGACY_WRAPPER),
    CORIM_MAP("corim-map", "4.1", null, true, ARRAY_EMPTY, Code.PROFILE_UNKNOWN),
    CORIM_ID("$corim-id-type-choice", "4.1.1", null, false, TYPE_MISMATCH),
    CONCISE_TAG("$concise-tag-type-choice", "4.1.2", null, false, TYPE_MISMATCH,
            CBOR_MALFORMED, CBOR_TRAILING_BYTES, CBOR_UNSUPPORTED, CBOR_UNSUPPORTED_KEY),
    LOCATOR("corim-locator-map", "4.1.3", null, true, ARRAY_EMPTY),
    PROFILE("$profile-type-choice", "4.1.4", null, false, TYPE_MISMATCH),
    EXTENSION_RULE("a rule of the named profile (CorimExtension.Rule)", "4.1.4", null, false, Code.PROFILE_RULE_FAILED),
    CORIM_ENTITY("corim-entity-map", "4.1.5", null, true, ARRAY_EMPTY, VALUE_INVALID,
            Code.ENTITY_MULTIPLE_MANIFEST_SIGNERS),
    COSWID_TAG("concise-swid-tag", "4.1.2", "RFC 9393 §2.3", true, VALUE_SIZE, Code.COSWID_PAYLOAD_AND_EVIDENCE),
    COSWID_ENTITY("entity-entry", "4.1.2", "RFC 9393", true),
    COSWID_LINK("link-entry", "4.1.2", "RFC 9393", true),
    COSWID_SOFTWARE_META("software-meta-entry", "4.1.2", "RFC 9393", true, VALUE_SIZE),
    COSWID_RESOURCE("payload-entry / evidence-entry / directory-entry / file-entry / process-entry / resource-entry",
            "4.1.2", "RFC 9393", true),
    SIGNED_CORIM("COSE-Sign1-corim", "4.2", "RFC 9052 §4.2", false, TYPE_MISMATCH, Code.CORIM_UNTAGGED_PAYLOAD,
            Code.COSE_DETACHED_PAYLOAD_MISSING, Code.COSE_PAYLOAD_NOT_DETACHED,
            CBOR_MALFORMED, CBOR_TRAILING_BYTES, CBOR_UNSUPPORTED, CBOR_UNSUPPORTED_KEY),
    SIGNATURE("COSE_Sign1 signature", "4.2", "RFC 9052 §4.4, RFC 9360 §2", false,
            Code.COSE_SIGNATURE_INVALID, Code.COSE_NO_VERIFICATION_KEY, Code.COSE_X5CHAIN_UNTRUSTED),
    PROTECTED_HEADER("protected-corim-header-map", "4.2.1", null, true,
            CBOR_MALFORMED, CBOR_TRAILING_BYTES, CBOR_UNSUPPORTED, CBOR_UNSUPPORTED_KEY,
            Code.COSE_ALG_UNSUPPORTED, Code.COSE_CONTENT_TYPE_MISSING, Code.COSE_CONTENT_TYPE_MISMATCH,
            Code.COSE_META_MISSING, Code.COSE_META_CWT_INCONSISTENT, Code.COSE_HASH_ENVELOPE_UNSUPPORTED),
    PROTECTED_PARAMETERS("COSE header parameters in the protected bucket", "4.2.1", "RFC 9052 §3.1, RFC 9360 §2", false,
            TYPE_MISMATCH, ARRAY_EMPTY, Code.COSE_CRIT_NOT_UNDERSTOOD, Code.COSE_IV_AND_PARTIAL_IV),
    CWT_CLAIMS("cwt-claims", "4.2.2", "RFC 9597", true, VALUE_OUT_OF_RANGE, Code.CWT_EXPIRED, Code.CWT_NOT_YET_VALID),
    META("corim-meta-map", "4.2.3", null, true,
            CBOR_MALFORMED, CBOR_TRAILING_BYTES, CBOR_UNSUPPORTED, CBOR_UNSUPPORTED_KEY),
    SIGNER("corim-signer-map", "4.2.3.1", null, true),
    UNPROTECTED_HEADER("unprotected-corim-header-map", "4.2.4", null, false, TYPE_MISMATCH, DUPLICATE_KEY),
    UNPROTECTED_PARAMETERS("COSE header parameters in the unprotected bucket", "4.2.4", "RFC 9052 §3.1, RFC 9360 §2",
            false, TYPE_MISMATCH, ARRAY_EMPTY, Code.COSE_HEADER_IN_BOTH_BUCKETS, Code.COSE_CRIT_UNPROTECTED,
            Code.COSE_IV_AND_PARTIAL_IV),
    COMID("concise-mid-tag", "5.1", null, true, ARRAY_EMPTY),
    TAG_IDENTITY("tag-identity-map", "5.1.1", null, true),
    TAG_ID("$tag-id-type-choice", "5.1.1.1", null, false, TYPE_MISMATCH),
    TAG_VERSION("tag-version-type", "5.1.1.2", null, false, TYPE_MISMATCH),
    COMID_ENTITY("comid-entity-map", "5.1.2", null, true, ARRAY_EMPTY, VALUE_INVALID),
    LINKED_TAG("linked-tag-map", "5.1.3", null, true, VALUE_INVALID),
    TRIPLES("triples-map", "5.1.4", null, true, ARRAY_EMPTY),
    ENVIRONMENT("environment-map", "5.1.4.1", null, true),
    CLASS("class-map", "5.1.4.2", null, true, Code.CLASS_MODEL_WITHOUT_VENDOR),
    INSTANCE("$instance-id-type-choice", "5.1.4.3", null, false, TYPE_MISMATCH),
    GROUP("$group-id-type-choice", "5.1.4.4", null, false, TYPE_MISMATCH),
    MEASUREMENT("measurement-map", "5.1.4.5", null, true, ARRAY_EMPTY),
    MKEY("$measured-element-type-choice", "5.1.4.5.1", null, false, TYPE_MISMATCH),
    MVAL("measurement-values-map", "5.1.4.5.2", null, true),
    VERSION("version-map", "5.1.4.5.3", null, true),
    SVN("svn-type-choice", "5.1.4.5.4", null, false, TYPE_MISMATCH),
    FLAGS("flags-map", "5.1.4.5.5", null, true),
    RAW_VALUE("$raw-value-type-choice", "5.1.4.5.6", null, false, TYPE_MISMATCH, Code.RAW_VALUE_MASK_LENGTH,
            Code.MVAL_MASK_WITHOUT_RAW_VALUE),
    ADDRESS("mac-addr-type-choice / ip-addr-type-choice", "5.1.4.5.7", "RFC 9164", false, TYPE_MISMATCH, VALUE_SIZE),
    CRYPTO_KEY("$crypto-key-type-choice", "5.1.4.6", null, false, TYPE_MISMATCH, ARRAY_EMPTY),
    COSE_KEY("COSE_Key", "5.1.4.6", "RFC 9052 §7", false, TYPE_MISMATCH, MEMBER_MISSING, DUPLICATE_KEY, ARRAY_EMPTY),
    INTEGRITY_REGISTERS("integrity-registers", "5.1.4.7", null, false, TYPE_MISMATCH, MAP_EMPTY, DUPLICATE_KEY),
    INT_RANGE("int-range-type-choice", "5.1.4.8", null, false, TYPE_MISMATCH, Code.INT_RANGE_MIN_GREATER_THAN_MAX),
    REFERENCE_TRIPLE("reference-triple-record", "5.1.5", null, false, TYPE_MISMATCH, ARRAY_EMPTY),
    ENDORSED_TRIPLE("endorsed-triple-record", "5.1.6", null, false, TYPE_MISMATCH, ARRAY_EMPTY),
    CONDITIONAL_ENDORSEMENT_TRIPLE("conditional-endorsement-triple-record", "5.1.7", null, false, TYPE_MISMATCH,
            ARRAY_EMPTY),
    CONDITIONAL_SERIES_TRIPLE("conditional-endorsement-series-triple-record", "5.1.8", null, false, TYPE_MISMATCH,
            ARRAY_EMPTY),
    IDENTITY_TRIPLE("identity-triple-record", "5.1.9", null, true, ARRAY_EMPTY),
    ATTEST_KEY_TRIPLE("attest-key-triple-record", "5.1.10", null, true, ARRAY_EMPTY),
    MEMBERSHIP_TRIPLE("domain-membership-triple-record", "5.1.11.1", null, false, TYPE_MISMATCH, ARRAY_EMPTY,
            Code.GRAPH_MEMBERSHIP_CYCLE),
    DEPENDENCY_TRIPLE("trust-dependency-triple-record", "5.1.11.2", null, false, TYPE_MISMATCH, ARRAY_EMPTY,
            Code.GRAPH_DEPENDENCY_CYCLE),
    COSWID_TRIPLE("coswid-triple-record", "5.1.12", null, false, TYPE_MISMATCH, ARRAY_EMPTY),
    COTL("concise-tl-tag", "6.1", null, true, ARRAY_EMPTY),
    NON_EMPTY("non-empty<M>", "7.1", null, false, MAP_EMPTY),
    ENTITY_NAME("$entity-name-type-choice", "7.2", null, false, TYPE_MISMATCH),
    VALIDITY("validity-map", "7.3", null, true, VALUE_OUT_OF_RANGE, Code.VALIDITY_INVERTED,
            Code.RIM_VALIDITY_EXPIRED, Code.RIM_VALIDITY_NOT_YET_VALID,
            Code.SIGNATURE_VALIDITY_EXPIRED, Code.SIGNATURE_VALIDITY_NOT_YET_VALID,
            Code.TL_VALIDITY_EXPIRED, Code.TL_VALIDITY_NOT_YET_VALID),
    UUID("uuid-type", "7.4", null, false, TYPE_MISMATCH, VALUE_SIZE),
    UEID("ueid-type", "7.5", null, false, TYPE_MISMATCH, VALUE_SIZE),
    OID("oid-type", "7.6", null, false, VALUE_INVALID),
    DIGEST("digest", "7.7", "draft-ietf-rats-eat-measured-component", false, TYPE_MISMATCH, ARRAY_EMPTY,
            Code.DIGEST_DUPLICATE_ALG, Code.DIGEST_LENGTH_MISMATCH);

    /** The section numbers are those of this editor's copy. */
    static final String DRAFT = "draft-ietf-rats-corim";

    private final String cddl;
    private final String section;
    private final @Nullable String reference;
    private final Set<Code> codes;
    private final String citation;

    /**
     * @param cddl the CDDL rule (or requirement) enforced
     * @param section the draft section that states it
     * @param reference the RFC the draft adopts for it, or null
     * @param mapShape whether it is a map checked by {@link MapShape}, which raises the
     *     structural codes type.mismatch, member.missing, member.unknown and cbor.duplicate-key
     * @param codes the further codes it raises
     */
    Rule(String cddl, String section, @Nullable String reference, boolean mapShape, Code... codes) {
        this.cddl = cddl;
        this.section = section;
        this.reference = reference;
        EnumSet<Code> set = EnumSet.noneOf(Code.class);
        if (mapShape) {
            set.addAll(EnumSet.of(TYPE_MISMATCH, MEMBER_MISSING, MEMBER_UNKNOWN, DUPLICATE_KEY));
        }
        set.addAll(java.util.Arrays.asList(codes));
        this.codes = Collections.unmodifiableSet(set);
        this.citation = cddl + ", " + (reference == null ? "" : reference + "; ") + DRAFT + " §" + section;
    }

    /** The CDDL rule or requirement. */
    String cddl() {
        return cddl;
    }

    /** The section of the draft's outline that states the rule. */
    String section() {
        return section;
    }

    /** The RFC the draft adopts for this rule, or null. */
    @Nullable String reference() {
        return reference;
    }

    /** The codes this rule raises. */
    Set<Code> codes() {
        return codes;
    }

    /** How a problem message names the rule, such as {@code class-map, draft-ietf-rats-corim §5.1.4.2}. */
    String cite() {
        return citation;
    }
}
