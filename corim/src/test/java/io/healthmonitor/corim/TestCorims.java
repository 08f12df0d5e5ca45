package io.healthmonitor.corim;

import static io.healthmonitor.corim.Cbor.encode;
import static io.healthmonitor.corim.Cbor.list;
import static io.healthmonitor.corim.Cbor.map;
import static io.healthmonitor.corim.Cbor.tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Valid CoRIMs with a chosen id, validity and size, and one with a defect, for the CLI and sample tests. */
final class TestCorims {

    private TestCorims() {
    }

    /** A valid unsigned CoRIM with {@code measurements} reference measurements, valid in [notBefore, notAfter]. */
    static byte[] corim(String id, Instant notBefore, Instant notAfter, int measurements) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < measurements; i++) {
            values.add(CorimRulesTest.measurement());
        }
        Map<Object, Object> comid = map(0, "en-GB", 1, map(0, "tag-" + id, 1, 0),
                2, list(map(0, "ACME", 1, tag(32, "https://acme.example"), 2, list(0))),
                4, map(0, list(list(CorimRulesTest.environment(), values))));
        return encode(tag(501, map(0, id, 1, list(tag(506, encode(comid))),
                4, map(0, tag(1, notBefore.getEpochSecond()), 1, tag(1, notAfter.getEpochSecond())),
                5, list(map(0, "ACME", 2, list(1, 2))))));
    }

    static byte[] corim(String id, Instant now, Duration validFor) {
        return corim(id, now.minus(Duration.ofDays(1)), now.plus(validFor), 1);
    }

    /** Same shape, but the one CoMID has a digest of the wrong length: a 422. */
    static byte[] invalidCorim(String id) {
        Map<Object, Object> bad = map(0, "firmware", 1, map(2, list(list(1, CorimRulesTest.bytes(31)))));
        Map<Object, Object> comid = map(0, "en-GB", 1, map(0, "tag-x", 1, 0),
                4, map(0, list(list(CorimRulesTest.environment(), list(bad)))));
        return encode(tag(501, map(0, id, 1, list(tag(506, encode(comid))))));
    }
}
