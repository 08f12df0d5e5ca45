package io.healthmonitor.corim;

/**
 * A CDDL rule and the section of draft-ietf-rats-corim (editor's copy after -11) that defines it;
 * every problem message names one so a reader can look the requirement up.
 */
record Spec(String rule, String section) {

    static final Spec CORIM = new Spec("corim = concise-rim-type-choice", "4");
    static final Spec CORIM_MAP = new Spec("corim-map", "4.1");
    static final Spec CORIM_ID = new Spec("$corim-id-type-choice", "4.1.1");
    static final Spec CONCISE_TAG = new Spec("$concise-tag-type-choice", "4.1.2");
    static final Spec LOCATOR = new Spec("corim-locator-map", "4.1.3");
    static final Spec PROFILE = new Spec("$profile-type-choice", "4.1.4");
    static final Spec CORIM_ENTITY = new Spec("corim-entity-map", "4.1.5");
    static final Spec SIGNED = new Spec("COSE-Sign1-corim", "4.2");
    static final Spec PROTECTED = new Spec("protected-corim-header-map", "4.2.1");
    static final Spec META = new Spec("corim-meta-map", "4.2.2");
    static final Spec SIGNER = new Spec("corim-signer-map", "4.2.2.1");
    static final Spec CWT = new Spec("cwt-claims (RFC 9597)", "4.2.1");
    static final Spec UNPROTECTED = new Spec("unprotected-corim-header-map", "4.2.3");
    static final Spec SIGNATURE = new Spec("COSE_Sign1 signature (RFC 9052 §4.4)", "4.2");
    static final Spec COMID = new Spec("concise-mid-tag", "5.1");
    static final Spec TAG_IDENTITY = new Spec("tag-identity-map", "5.1.1");
    static final Spec COMID_ENTITY = new Spec("comid-entity-map", "5.1.2");
    static final Spec LINKED_TAG = new Spec("linked-tag-map", "5.1.3");
    static final Spec TRIPLES = new Spec("triples-map", "5.1.4");
    static final Spec ENVIRONMENT = new Spec("environment-map", "5.1.4.1.1");
    static final Spec CLASS = new Spec("class-map", "5.1.4.1.2");
    static final Spec INSTANCE = new Spec("$instance-id-type-choice", "5.1.4.1.3");
    static final Spec GROUP = new Spec("$group-id-type-choice", "5.1.4.1.4");
    static final Spec MEASUREMENT = new Spec("measurement-map", "5.1.4.1.5");
    static final Spec MKEY = new Spec("$measured-element-type-choice", "5.1.4.1.5.1");
    static final Spec MVAL = new Spec("measurement-values-map", "5.1.4.1.5.2");
    static final Spec VERSION = new Spec("version-map", "5.1.4.1.5.3");
    static final Spec SVN = new Spec("svn-type-choice", "5.1.4.1.5.4");
    static final Spec FLAGS = new Spec("flags-map", "5.1.4.1.5.5");
    static final Spec RAW_VALUE = new Spec("$raw-value-type-choice", "5.1.4.1.5.6");
    static final Spec ADDRESS = new Spec("mac-addr-type-choice / ip-addr-type-choice", "5.1.4.1.5.7");
    static final Spec CRYPTO_KEY = new Spec("$crypto-key-type-choice", "5.1.4.1.5.8");
    static final Spec INTEGRITY_REGISTERS = new Spec("integrity-registers", "5.1.4.1.5.9");
    static final Spec INT_RANGE = new Spec("int-range-type-choice", "5.1.4.1.5.10");
    static final Spec COSE_KEY = new Spec("COSE_Key (RFC 9052 §7)", "5.1.4.1.5.8");
    static final Spec DOMAIN = new Spec("domain-type", "5.1.4.1.6");
    static final Spec REFERENCE_TRIPLE = new Spec("reference-triple-record", "5.1.4.2");
    static final Spec ENDORSED_TRIPLE = new Spec("endorsed-triple-record", "5.1.4.3");
    static final Spec COND_ENDORSEMENT = new Spec("conditional-endorsement-triple-record", "5.1.4.4");
    static final Spec COND_SERIES = new Spec("conditional-endorsement-series-triple-record", "5.1.4.5");
    static final Spec IDENTITY_TRIPLE = new Spec("identity-triple-record", "5.1.4.6");
    static final Spec ATTEST_KEY_TRIPLE = new Spec("attest-key-triple-record", "5.1.4.7");
    static final Spec DEPENDENCY_TRIPLE = new Spec("trust-dependency-triple-record", "5.1.4.8");
    static final Spec MEMBERSHIP_TRIPLE = new Spec("domain-membership-triple-record", "5.1.4.9");
    static final Spec COSWID_TRIPLE = new Spec("coswid-triple-record", "5.1.4.10");
    static final Spec COSWID = new Spec("concise-swid-tag (RFC 9393 §2.3)", "4.1.2");
    static final Spec COTL = new Spec("concise-tl-tag", "6");
    static final Spec NON_EMPTY = new Spec("non-empty<M>", "7.1");
    static final Spec ENTITY = new Spec("entity-map", "7.2");
    static final Spec VALIDITY = new Spec("validity-map", "7.3");
    static final Spec UUID = new Spec("uuid-type", "7.4");
    static final Spec UEID = new Spec("ueid-type", "7.5");
    static final Spec OID = new Spec("oid-type", "7.6");
    static final Spec DIGEST = new Spec("digest (eatmc.digest)", "7.7");
    static final Spec CBOR = new Spec("well-formed CBOR (RFC 8949 §5.3)", "1.2");

    String cite() {
        return rule + ", draft-ietf-rats-corim §" + section;
    }
}
