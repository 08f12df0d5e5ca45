package io.healthmonitor.corim;

import static io.healthmonitor.corim.Cbor.encode;
import static io.healthmonitor.corim.Cbor.list;
import static io.healthmonitor.corim.Cbor.map;
import static io.healthmonitor.corim.Cbor.tag;
import static io.healthmonitor.corim.CorimRulesTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * One-defect vectors for CoSWID (RFC 9393's CDDL, imports/coswid) carried by a CoRIM: a valid tag
 * using every map of the CDDL, then one defect per rule.
 */
class CoswidRulesTest {

    static final String TAG = "/tags/1";

    /** A valid concise-swid-tag with every map of RFC 9393 and some any-attributes. */
    static Map<Object, Object> coswid() {
        Map<Object, Object> file = map(24, "fw.bin", 20, 1024, 21, "1.2.3", 7, list(1, bytes(32)), 22, true);
        Map<Object, Object> directory = map(24, "etc", 25, "/", 26, map(17, map(24, "a.conf")));
        return map(0, "sw-1", 12, 0, 1, "Road Runner firmware", 13, "1.2.3", 14, 16384, 10, "embedded",
                8, false, 9, false, 11, false, 15, "en-GB",
                2, list(map(31, "ACME", 32, tag(32, "https://acme.example"), 33, list(1, 2), 34, list(1, bytes(32))),
                        map(31, "Beta", 33, 6)),
                4, map(37, "fw", 38, tag(32, "https://acme.example/sw-0"), 39, 3, 40, 10, 41, "application/cbor", 42, 2),
                5, map(46, "firmware", 48, true, 50, bytes(16), 52, "Road Runner"),
                6, map(17, list(file, map(24, "fw.sig")), 16, directory, 18, map(27, "fwd", 28, 12), 19, map(29, "slot")),
                "vendor-note", "kept", 99, list(1, 2));
    }

    static CorimValidationResult with(Consumer<Map<Object, Object>> defect) {
        Map<Object, Object> coswid = coswid();
        defect.accept(coswid);
        Map<Object, Object> corim = CorimRulesTest.corim(CorimRulesTest.comid());
        corim.put(1, list(tag(506, encode(CorimRulesTest.comid())), tag(505, encode(coswid))));
        return CorimRulesTest.validate(corim);
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object> at(Map<Object, Object> m, Object... keys) {
        Object node = m;
        for (Object k : keys) {
            node = k instanceof Integer i && node instanceof List<?> l ? l.get(i) : ((Map<Object, Object>) node).get(k);
        }
        return (Map<Object, Object>) node;
    }

    static void assertOnly(CorimValidationResult r, String code, String path) {
        assertThat(r.problems()).as(r.problems().toString()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.path()).isEqualTo(TAG + path);
            assertThat(p.message()).contains("RFC 9393").contains("§4.1.2");
        });
    }

    @Test
    void acceptsATagThatUsesEveryMapOfTheCddl() {
        CorimValidationResult r = with(c -> { });
        assertThat(r.problems()).isEmpty();
        assertThat(r.tags().get(1)).satisfies(t -> {
            assertThat(t.type()).isEqualTo("coswid");
            assertThat(t.tagId()).isEqualTo("sw-1");
        });
    }

    @Test
    void requiresUrisWhereTheCddlSaysAnyUri() {
        assertOnly(with(c -> at(c, 2, 0).put(32, "https://acme.example")), "type.mismatch", "/entity/0/reg-id");
        assertOnly(with(c -> at(c, 4).put(38, "https://acme.example/sw-0")), "type.mismatch", "/link/href");
    }

    @Test
    void typesTheTagMembers() {
        assertOnly(with(c -> c.put(0, bytes(15))), "value.size", "/tag-id");
        assertOnly(with(c -> c.put(12, "1")), "type.mismatch", "/tag-version");
        assertOnly(with(c -> c.put(13, 123)), "type.mismatch", "/software-version");
        assertOnly(with(c -> c.put(14, bytes(1))), "type.mismatch", "/version-scheme");
        assertOnly(with(c -> c.put(8, "yes")), "type.mismatch", "/corpus");
        assertOnly(with(c -> c.put(10, 5)), "type.mismatch", "/media");
        assertOnly(with(c -> c.put(15, 1)), "type.mismatch", "/lang");
        assertOnly(with(c -> c.remove(1)), "member.missing", "/software-name");
    }

    @Test
    void holdsOneOrMoreToOneValueOrAnArrayOfTwoOrMore() {
        assertOnly(with(c -> c.put(2, list(at(c, 2, 0)))), "type.mismatch", "/entity");
        assertOnly(with(c -> at(c, 2, 0).put(33, list(1))), "type.mismatch", "/entity/0/role");
        assertOnly(with(c -> at(c, 2, 1).put(33, bytes(1))), "type.mismatch", "/entity/1/role");
    }

    @Test
    void typesEntityLinkAndSoftwareMetaEntries() {
        assertOnly(with(c -> at(c, 2, 0).put(34, list(1))), "type.mismatch", "/entity/0/thumbprint");
        assertOnly(with(c -> at(c, 4).put(40, 70_000)), "type.mismatch", "/link/rel");
        assertOnly(with(c -> at(c, 4).remove(38)), "member.missing", "/link/href");
        assertOnly(with(c -> at(c, 4).put(41, 1)), "type.mismatch", "/link/media-type");
        assertOnly(with(c -> at(c, 5).put(50, bytes(15))), "value.size", "/software-meta/generator");
        assertOnly(with(c -> at(c, 5).put(48, "no")), "type.mismatch", "/software-meta/entitlement-data-required");
    }

    @Test
    void typesTheResourceCollection() {
        assertOnly(with(c -> at(c, 6, 17, 1).remove(24)), "member.missing", "/payload/file/1/fs-name");
        assertOnly(with(c -> at(c, 6, 17, 0).put(20, -1)), "type.mismatch", "/payload/file/0/size");
        assertOnly(with(c -> at(c, 6, 17, 0).put(7, list(1, "x"))), "type.mismatch", "/payload/file/0/hash/1");
        assertOnly(with(c -> at(c, 6, 16, 26).put(99, "x")), "member.unknown", "/payload/directory/path-elements/99");
        assertOnly(with(c -> at(c, 6, 18).put(28, "x")), "type.mismatch", "/payload/process/pid");
        assertOnly(with(c -> at(c, 6, 19).remove(29)), "member.missing", "/payload/resource/type");
    }

    @Test
    void typesEvidenceAndRefusesItBesideAPayload() {
        Map<Object, Object> evidence = map(35, tag(1, 1_700_000_000L), 36, "device-7", 17, map(24, "fw.bin"));
        assertThat(with(c -> {
            c.remove(6);
            c.put(3, evidence);
        }).problems()).isEmpty();
        assertOnly(with(c -> {
            c.remove(6);
            c.put(3, map(35, tag(1, 1.5)));
        }), "type.mismatch", "/evidence/date");
        assertOnly(with(c -> c.put(3, evidence)), "coswid.payload-and-evidence", "/evidence");
    }

    @Test
    void admitsOnlyAnyAttributesBesideTheMembers() {
        assertOnly(with(c -> c.put("vendor-map", map(1, 2))), "member.unknown", "/vendor-map");
        assertOnly(with(c -> c.put(98, list("a", 1))), "member.unknown", "/98");
        assertOnly(with(c -> at(c, 4).put(-1, true)), "member.unknown", "/link/-1");
    }
}
