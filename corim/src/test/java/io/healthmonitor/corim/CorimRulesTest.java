package io.healthmonitor.corim;

import static io.healthmonitor.corim.Cbor.encode;
import static io.healthmonitor.corim.Cbor.list;
import static io.healthmonitor.corim.Cbor.map;
import static io.healthmonitor.corim.Cbor.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** One valid vector and one-defect variants for each rule, built with Jackson's generator. */
class CorimRulesTest {

    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    static final CorimValidator VALIDATOR = CorimValidator.builder().clock(InstantSource.fixed(NOW)).build();
    static final byte[] UUID16 = new byte[16];

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 7);
        return b;
    }

    static Map<Object, Object> measurement() {
        return map(0, "firmware", 1, map(0, map(0, "1.0"), 2, list(list(1, bytes(32)), list(7, bytes(48)))));
    }

    static Map<Object, Object> environment() {
        return map(0, map(0, tag(37, UUID16), 1, "ACME", 2, "RoadRunner"));
    }

    static Map<Object, Object> comid() {
        return map(0, "en-GB", 1, map(0, "tag-1", 1, 0),
                2, list(map(0, "ACME", 1, tag(32, "https://acme.example"), 2, list(0))),
                4, map(0, list(list(environment(), list(measurement())))));
    }

    static Map<Object, Object> corim(Map<Object, Object> comid) {
        return map(0, "corim-1", 1, list(tag(506, encode(comid))),
                4, map(0, tag(1, 1_700_000_000L), 1, tag(1, 1_800_000_000L)),
                5, list(map(0, "ACME", 2, list(1, 2))));
    }

    static byte[] unsigned(Map<Object, Object> corimMap) {
        return encode(tag(501, corimMap));
    }

    static CorimValidationResult validate(Map<Object, Object> corimMap) {
        return VALIDATOR.validate(unsigned(corimMap));
    }

    /** Applies one defect to a fresh valid CoMID and returns the result. */
    static CorimValidationResult comidWith(Consumer<Map<Object, Object>> defect) {
        Map<Object, Object> c = comid();
        defect.accept(c);
        return validate(corim(c));
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object> mval(Map<Object, Object> comid) {
        Map<Object, Object> triples = (Map<Object, Object>) comid.get(4);
        List<Object> rec = (List<Object>) ((List<Object>) triples.get(0)).get(0);
        return (Map<Object, Object>) ((Map<Object, Object>) ((List<Object>) rec.get(1)).get(0)).get(1);
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object> classMap(Map<Object, Object> comid) {
        Map<Object, Object> triples = (Map<Object, Object>) comid.get(4);
        List<Object> rec = (List<Object>) ((List<Object>) triples.get(0)).get(0);
        return (Map<Object, Object>) ((Map<Object, Object>) rec.get(0)).get(0);
    }

    static void assertOnly(CorimValidationResult r, String code, String path) {
        assertThat(r.problems()).as(r.problems().toString()).hasSize(1);
        assertThat(r.problems().get(0).code()).isEqualTo(code);
        assertThat(r.problems().get(0).path()).isEqualTo(path);
        assertThat(r.problems().get(0).message()).contains("§");
    }

    static final String MVAL = "/tags/0/triples/0/0/1/0/mval";

    @Test
    void acceptsAValidUnsignedCorimAndExposesItsModel() {
        CorimValidationResult r = validate(corim(comid()));
        assertThat(r.problems()).isEmpty();
        assertThat(r.kind()).isEqualTo(CorimValidationResult.Kind.UNSIGNED_CORIM);
        assertThat(r.id()).isEqualTo("corim-1");
        assertThat(r.rimValidity().notAfter()).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
        assertThat(r.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
        assertThat(r.tags()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("comid");
            assertThat(t.tagId()).isEqualTo("tag-1");
        });
        assertThat(r.entities()).singleElement().satisfies(e ->
                assertThat(e.roles()).containsExactly("manifest-creator", "manifest-signer"));
        assertThat(r.tripleCounts()).containsEntry("reference-triples", 1);
    }

    @Test
    void reportsDuplicateDigestAlgorithmWithItsPath() {
        CorimValidationResult r = comidWith(c -> mval(c).put(2, list(list(1, bytes(32)), list(1, bytes(32)))));
        assertOnly(r, "digest.duplicate-alg", MVAL + "/digests/1");
    }

    @Test
    void reportsDigestLengthNotMatchingTheNamedInformationAlgorithm() {
        CorimValidationResult r = comidWith(c -> mval(c).put(2, list(list("sha-384", bytes(32)))));
        assertOnly(r, "digest.length-mismatch", MVAL + "/digests/0/1");
    }

    @Test
    void reportsModelWithoutVendor() {
        CorimValidationResult r = comidWith(c -> classMap(c).remove(1));
        assertOnly(r, "class.model-without-vendor", "/tags/0/triples/0/0/0/class/model");
    }

    @Test
    void acceptsRawValueWithMaskAndReportsMaskWithoutRawValue() {
        assertThat(comidWith(c -> {
            mval(c).put(4, tag(560, bytes(4)));
            mval(c).put(5, bytes(4));
        }).problems()).isEmpty();
        assertOnly(comidWith(c -> mval(c).put(5, bytes(4))), "mval.mask-without-raw-value",
                MVAL + "/raw-value-mask-DEPRECATED");
    }

    @Test
    void checksIntRangeBounds() {
        assertThat(comidWith(c -> mval(c).put(15, tag(564, list(null, 5)))).problems()).isEmpty();
        assertThat(comidWith(c -> mval(c).put(15, tag(564, list(-3, 5)))).problems()).isEmpty();
        assertOnly(comidWith(c -> mval(c).put(15, tag(564, list(6, 5)))), "int-range.min-greater-than-max",
                MVAL + "/int-range");
    }

    @Test
    void reportsMoreThanOneManifestSigner() {
        Map<Object, Object> m = corim(comid());
        m.put(5, list(map(0, "A", 2, list(2)), map(0, "B", 2, list(2))));
        assertOnly(validate(m), "entity.multiple-manifest-signers", "/entities/1");
    }

    @Test
    void reportsCyclicMembershipAndAcceptsAcyclicOne() {
        Map<Object, Object> a = map(0, map(0, tag(37, bytes(16))));
        Map<Object, Object> b = map(2, tag(560, bytes(3)));
        assertThat(comidWith(c -> c.put(4, map(5, list(list(a, list(b)))))).problems()).isEmpty();
        assertOnly(comidWith(c -> c.put(4, map(5, list(list(a, list(b)), list(b, list(a)))))),
                "graph.membership-cycle", "/tags/0/triples/5/0/1/0");
    }

    @Test
    void reportsCyclicDependency() {
        Map<Object, Object> a = map(1, tag(550, bytes(10)));
        CorimValidationResult r = comidWith(c -> c.put(4, map(4, list(list(a, list(a))))));
        assertThat(r.problems()).extracting(CorimProblem::code).containsExactly("graph.dependency-cycle");
    }

    @Test
    void rejectsUnknownProfileUnlessRegistered() {
        Map<Object, Object> m = corim(comid());
        m.put(3, tag(32, "urn:example:p"));
        m.put(-7, "ext");
        CorimValidationResult base = validate(m);
        assertThat(base.problems()).extracting(CorimProblem::code).containsExactly("profile.unknown", "member.unknown");
        assertThat(base.extension()).isEqualTo("urn:example:p");
        CorimValidator withProfile = CorimValidator.builder().clock(InstantSource.fixed(NOW))
                .extensions(CorimExtensions.of(CorimExtension.builder("urn:example:p")
                        .extensionKeys(CorimExtension.ExtensionPoint.CORIM_MAP, -7).build()))
                .build();
        assertThat(withProfile.validate(unsigned(m)).problems()).isEmpty();
    }

    @Test
    void decodesOidProfilesToDottedForm() {
        Map<Object, Object> m = corim(comid());
        m.put(3, tag(111, new byte[] {0x60, (byte) 0x86, 0x48, 0x01, (byte) 0x86, (byte) 0xF8, 0x4D, 0x01, 0x0F, 0x06}));
        assertThat(validate(m).extension()).isEqualTo("2.16.840.1.113741.1.15.6");
    }

    @Test
    void reportsMissingMandatoryMembersAndWrongTypes() {
        Map<Object, Object> m = corim(comid());
        m.remove(1);
        assertOnly(validate(m), "member.missing", "/tags");
        assertOnly(comidWith(c -> c.put(0, 5)), "type.mismatch", "/tags/0/language");
        assertOnly(comidWith(c -> mval(c).put(1, tag(554, 3))), "type.mismatch", MVAL + "/svn");
        assertOnly(comidWith(c -> mval(c).put(10, bytes(15))), "value.size", MVAL + "/uuid");
        assertOnly(comidWith(c -> mval(c).put(6, bytes(7))), "value.size", MVAL + "/mac-addr");
        assertOnly(comidWith(c -> mval(c).put(3, map(0, "yes"))), "type.mismatch", MVAL + "/flags/is-configured");
        assertOnly(comidWith(c -> c.put(4, map())), "map.empty", "/tags/0/triples");
    }

    @Test
    void distinguishesIntegerAndTextKeys() {
        assertOnly(comidWith(c -> mval(c).put("2", list(list(1, bytes(32))))), "member.unknown", MVAL + "/2");
    }

    @Test
    void reportsDuplicateKeysTyped() {
        // {1: "a", 1: "b"} inside a corim-map's extension position: hand-encoded since maps cannot hold duplicates.
        byte[] comidBytes = encode(comid());
        byte[] dup = new byte[comidBytes.length + 2];
        System.arraycopy(comidBytes, 0, dup, 0, comidBytes.length);
        dup[0] = (byte) (comidBytes[0] + 1);
        dup[comidBytes.length] = 0x00; // key 0 (language) again
        dup[comidBytes.length + 1] = 0x60; // ""
        Map<Object, Object> m = map(0, "c", 1, list(tag(506, dup)));
        CorimValidationResult r = validate(m);
        assertThat(r.problems()).extracting(CorimProblem::code).containsExactly("cbor.duplicate-key");
        assertThat(r.problems().get(0).path()).isEqualTo("/tags/0/0");
    }

    @Test
    void rejectsExpiredAndFutureRimValidity() {
        Map<Object, Object> m = corim(comid());
        m.put(4, map(1, tag(1, 1_600_000_000L)));
        assertOnly(validate(m), "rim-validity.expired", "/rim-validity/not-after");
        m.put(4, map(0, tag(1, 1_790_000_000L), 1, tag(1, 1_800_000_000L)));
        assertOnly(validate(m), "rim-validity.not-yet-valid", "/rim-validity/not-before");
    }

    @Test
    void checksCoswidAndCotlTags() {
        Map<Object, Object> coswid = map(0, "sw-1", 12, 0, 1, "Road", 2, map(31, "ACME", 33, 1));
        Map<Object, Object> cotl = map(0, map(0, "tl"), 1, list(map(0, "tag-1")),
                2, map(1, tag(1, 1_800_000_000L)));
        Map<Object, Object> m = corim(comid());
        m.put(1, list(tag(506, encode(comid())), tag(505, encode(coswid)), tag(508, encode(cotl))));
        CorimValidationResult r = validate(m);
        assertThat(r.problems()).isEmpty();
        assertThat(r.tags()).extracting(CorimValidationResult.Tag::type).containsExactly("comid", "coswid", "cotl");
        coswid.remove(1);
        cotl.put(2, map(1, tag(1, 1_000L)));
        m.put(1, list(tag(505, encode(coswid)), tag(508, encode(cotl))));
        assertThat(validate(m).problems()).extracting(CorimProblem::code)
                .containsExactly("member.missing", "tl-validity.expired");
    }

    @Test
    void rejectsLegacyWrapperAndUntaggedMapWithExplanation() {
        CorimValidationResult legacy = VALIDATOR.validate(encode(tag(500, tag(501, corim(comid())))));
        assertThat(legacy.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("corim.legacy-wrapper");
            assertThat(p.message()).contains("removed in draft-ietf-rats-corim-07");
        });
        assertThat(VALIDATOR.validate(encode(corim(comid()))).problems())
                .extracting(CorimProblem::code).containsExactly("corim.untagged");
    }

    @Test
    void throwsOnlyFormatExceptionForUnreadableInput() {
        byte[] ok = unsigned(corim(comid()));
        byte[] trailing = Arrays.copyOf(ok, ok.length + 1);
        assertThatThrownBy(() -> VALIDATOR.validate(trailing)).isInstanceOfSatisfying(CorimFormatException.class,
                e -> assertThat(e.code()).isEqualTo("cbor.trailing-bytes"));
        assertThatThrownBy(() -> VALIDATOR.validate(Arrays.copyOf(ok, ok.length - 3)))
                .isInstanceOfSatisfying(CorimFormatException.class, e -> assertThat(e.code()).isEqualTo("cbor.malformed"));
        assertThatThrownBy(() -> VALIDATOR.validate(new byte[0])).isInstanceOf(CorimFormatException.class);
    }

    @Test
    void neverTrustsDeclaredLengths() {
        // byte string declaring 2^31-1 bytes, and an array declaring 2^32 elements, with nothing after
        assertThatThrownBy(() -> VALIDATOR.validate(new byte[] {0x5a, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0}))
                .isInstanceOfSatisfying(CorimFormatException.class, e -> assertThat(e.code()).isEqualTo("limit.string-length"));
        assertThatThrownBy(() -> VALIDATOR.validate(new byte[] {(byte) 0x9b, 0, 0, 0, 1, 0, 0, 0, 0}))
                .isInstanceOf(CorimFormatException.class);
    }

    @Test
    void enforcesDepthItemAndSizeLimits() {
        byte[] deep = new byte[5000];
        Arrays.fill(deep, (byte) 0x81);
        assertThatThrownBy(() -> VALIDATOR.validate(deep)).isInstanceOfSatisfying(CorimFormatException.class,
                e -> assertThat(e.code()).isEqualTo("limit.depth"));
        CorimValidator small = CorimValidator.builder().limits(CorimLimits.defaults().withMaxItems(50)).build();
        assertThatThrownBy(() -> small.validate(unsigned(corim(comid())))).isInstanceOfSatisfying(
                CorimFormatException.class, e -> assertThat(e.code()).isEqualTo("limit.items"));
        CorimValidator tiny = CorimValidator.builder().limits(CorimLimits.defaults().withMaxInputBytes(10)).build();
        assertThatThrownBy(() -> tiny.validate(unsigned(corim(comid())))).isInstanceOfSatisfying(
                CorimFormatException.class, e -> assertThat(e.code()).isEqualTo("limit.size"));
        assertThatThrownBy(() -> tiny.validate(new java.io.ByteArrayInputStream(new byte[100])))
                .isInstanceOfSatisfying(CorimFormatException.class, e -> assertThat(e.code()).isEqualTo("limit.size"));
    }

    @Test
    void validatesStandaloneComid() {
        CorimValidationResult r = VALIDATOR.validateComid(encode(comid()));
        assertThat(r.problems()).isEmpty();
        assertThat(r.kind()).isEqualTo(CorimValidationResult.Kind.COMID);
        assertThat(r.id()).isEqualTo("tag-1");
        assertThat(VALIDATOR.validateComid(encode(comid()), "urn:none").problems())
                .extracting(CorimProblem::code).containsExactly("profile.unknown");
    }
}
