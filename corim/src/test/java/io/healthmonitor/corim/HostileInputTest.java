package io.healthmonitor.corim;

import static io.healthmonitor.corim.Cbor.encode;
import static io.healthmonitor.corim.Cbor.list;
import static io.healthmonitor.corim.Cbor.map;
import static io.healthmonitor.corim.Cbor.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Inputs up to the default 4 MiB limit built to make the decoder or the checks do superlinear
 * work. Each must be answered with its usual result; the generous time guard only turns a
 * regression (minutes of CPU, as issue 18 measured) into a failure instead of a hung build.
 */
class HostileInputTest {

    private static final CorimValidator VALIDATOR = CorimValidator.builder()
            .clock(java.time.InstantSource.fixed(CorimRulesTest.NOW)).build();
    private static final Duration GUARD = Duration.ofSeconds(5);

    private static <T> T guarded(ThrowingSupplier<T> work) {
        return assertTimeoutPreemptively(GUARD, work);
    }

    /** {@code n} tag heads #6.6 followed by {@code tail}. */
    static byte[] tagChain(int n, byte... tail) {
        byte[] b = Arrays.copyOf(new byte[0], n + tail.length);
        Arrays.fill(b, 0, n, (byte) 0xc6);
        System.arraycopy(tail, 0, b, n, tail.length);
        return b;
    }

    private static void assertFormat(byte[] input, String code) {
        guarded(() -> {
            assertThatThrownBy(() -> VALIDATOR.validate(input)).isInstanceOfSatisfying(CorimFormatException.class,
                    e -> assertThat(e.code()).isEqualTo(code));
            return null;
        });
    }

    @Test
    void refusesAOneMegabyteTagChainBeforeTheParserReadsIt() {
        // python3 -c "open('t.cbor','wb').write(b'\xc6'*1000000+b'\x00')": 16.5 s of CPU before the fix.
        assertFormat(tagChain(1_000_000, (byte) 0x00), "limit.depth");
    }

    @Test
    void refusesATagChainAsLargeAsTheSizeLimit() {
        int limit = CorimLimits.defaults().maxInputBytes();
        assertFormat(tagChain(limit - 1, (byte) 0x00), "limit.depth");
    }

    @Test
    void refusesTagChainsInsideContainersAsKeysAndAfterTheItem() {
        byte[] chain = tagChain(1_000_000, (byte) 0x00);
        assertFormat(concat(new byte[] {(byte) 0x81}, chain), "limit.depth");
        assertFormat(concat(new byte[] {(byte) 0x9f}, chain, new byte[] {(byte) 0xff}), "limit.depth");
        assertFormat(concat(new byte[] {(byte) 0xa1}, chain, new byte[] {0x00}), "limit.depth");
        assertFormat(concat(new byte[] {(byte) 0xa1, 0x00}, chain), "limit.depth");
        assertFormat(concat(new byte[] {0x00}, chain), "cbor.trailing-bytes");
    }

    @Test
    void refusesATagChainInsideEmbeddedCbor() {
        byte[] corim = encode(tag(501, map(0, "c", 1, list(tag(506, tagChain(1_000_000, (byte) 0xa0))))));
        assertFormat(corim, "limit.depth");
    }

    @Test
    void refusesAStringLongerThanTheLimitFromItsHead() {
        byte[] head = {0x5a, 0x00, 0x20, 0x00, 0x00}; // a byte string declaring 2 MiB
        assertFormat(concat(head, new byte[2 * 1024 * 1024]), "limit.string-length");
    }

    @Test
    void refusesABignumLongerThanJacksonsNumberLimit() {
        Map<Object, Object> m = CorimRulesTest.corim(CorimRulesTest.comid());
        m.put(5, list(map(0, "ACME", 2, list(new BigInteger(1, new byte[1024 * 1024 - 16]).setBit(8 * 1024 * 1024 - 200)))));
        assertFormat(CorimRulesTest.unsigned(m), "cbor.malformed");
    }

    @Test
    void namesALargeBignumWithoutPrintingIt() {
        byte[] magnitude = new byte[1000];
        Arrays.fill(magnitude, (byte) 0x5a);
        Map<Object, Object> m = CorimRulesTest.corim(CorimRulesTest.comid());
        m.put(5, list(map(0, "ACME", 2, list(new BigInteger(1, magnitude)))));
        CorimValidationResult r = guarded(() -> VALIDATOR.validate(CorimRulesTest.unsigned(m)));
        assertThat(r.problems()).extracting(CorimProblem::code).containsExactly("value.invalid");
        assertThat(r.problems().get(0).message()).contains("-bit integer");
    }

    @Test
    void boundsTheProblemsUnderALongTextKey() {
        // One 700,000-character register name over 200,000 malformed digests (a 0.9 MB CoRIM): 84 s
        // of CPU and 70 MB of problems before, each path repeating the name and rendered for every
        // problem, listed or not.
        Map<Object, Object> comid = CorimRulesTest.comid();
        CorimRulesTest.mval(comid).put(14, map("K".repeat(700_000), new ArrayList<>(Collections.nCopies(200_000, 0))));
        byte[] corim = CorimRulesTest.unsigned(CorimRulesTest.corim(comid));

        CorimValidationResult r = guarded(() -> VALIDATOR.validate(corim));

        assertThat(r.problems()).hasSize(101);
        assertThat(r.problems().get(0).path())
                .isEqualTo("/tags/0/triples/0/0/1/0/mval/integrity-registers/" + "K".repeat(64) + "…/0");
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.path().length() + p.message().length()).isLessThan(1_000));
        assertThat(r.problems().get(100).message()).startsWith("199900 further problems not listed");
    }

    /** A corim-map with the id "c" and {@code n} copies of {@code element} as its tags. */
    static byte[] corimWithTags(int n, byte... element) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xd9);
        out.write(0x01);
        out.write(0xf5); // #6.501
        out.write(0xa2); // map of 2 pairs
        out.write(0x00);
        out.write(0x61);
        out.write('c'); // id: "c"
        out.write(0x01);
        out.write(0x9a);
        writeInt(out, n); // tags: array of n
        for (int i = 0; i < n; i++) {
            out.write(element, 0, element.length);
        }
        return out.toByteArray();
    }

    /** The result as the CLI and the service's endpoints answer it. */
    private static byte[] json(CorimValidationResult r) {
        return io.healthmonitor.corim.internal.CorimJson.render(json -> {
            json.writeStartObject();
            io.healthmonitor.corim.internal.CorimJson.resultFields(json, r);
            json.writeEndObject();
        });
    }

    @Test
    void answersASmallResultForHalfAMillionTagsThatAreNotTags() {
        // 499,990 empty byte strings as tags (500,003 bytes): each was listed as a tag "unknown", a
        // 32,521,033-byte JSON answer (65 times the input), 272 MB allocated to validate and render it.
        byte[] corim = corimWithTags(499_990, (byte) 0x40);

        CorimValidationResult r = guarded(() -> VALIDATOR.validate(corim));

        assertThat(r.tags()).isEmpty();
        assertThat(r.tagsNotListed()).isZero();
        assertThat(r.problems()).hasSize(101);
        assertThat(r.problems().get(0).code()).isEqualTo("type.mismatch");
        assertThat(r.problems().get(100).message()).startsWith("499890 further problems not listed");
        assertThat(json(r).length).isLessThan(32 * 1024);
    }

    @Test
    void listsAtMostMaxListedTagsAndCountsTheRest() {
        // 100,000 CoMIDs of one byte each (#6.506(h'a0'), 5 bytes): 6.3 MB of JSON, 12.6 times the input.
        byte[] corim = corimWithTags(100_000, encode(tag(506, new byte[] {(byte) 0xa0})));

        CorimValidationResult r = guarded(() -> VALIDATOR.validate(corim));

        assertThat(r.tags()).hasSize(CorimLimits.defaults().maxListed()).allSatisfy(t -> assertThat(t.type()).isEqualTo("comid"));
        assertThat(r.tagsNotListed()).isEqualTo(100_000 - CorimLimits.defaults().maxListed());
        assertThat(r.problems()).hasSize(101);
        assertThat(json(r).length).isLessThan(32 * 1024);
        assertThat(VALIDATOR.validate(corimWithTags(3, encode(tag(506, new byte[] {(byte) 0xa0})))).tagsNotListed())
                .isZero();
    }

    @Test
    void listsAtMostMaxListedEntitiesAndEachRoleOnce() {
        // A valid CoRIM: 70,000 entities (3.9 MB of JSON from 0.49 MB), then one entity of 499,000
        // roles manifest-creator (9.5 MB of JSON from 0.5 MB).
        Map<Object, Object> many = CorimRulesTest.corim(CorimRulesTest.comid());
        many.put(5, new ArrayList<>(Collections.nCopies(70_000, map(0, "a", 2, list(1)))));
        Map<Object, Object> roles = CorimRulesTest.corim(CorimRulesTest.comid());
        roles.put(5, list(map(0, "a", 2, new ArrayList<>(Collections.nCopies(499_000, 1)))));

        CorimValidationResult r = guarded(() -> VALIDATOR.validate(CorimRulesTest.unsigned(many)));
        CorimValidationResult one = guarded(() -> VALIDATOR.validate(CorimRulesTest.unsigned(roles)));

        assertThat(r.valid()).isTrue();
        assertThat(r.entities()).hasSize(CorimLimits.defaults().maxListed());
        assertThat(r.entitiesNotListed()).isEqualTo(70_000 - CorimLimits.defaults().maxListed());
        assertThat(json(r).length).isLessThan(32 * 1024);
        assertThat(one.valid()).isTrue();
        assertThat(one.entities()).singleElement().satisfies(e -> assertThat(e.roles()).containsExactly("manifest-creator"));
        assertThat(json(one).length).isLessThan(32 * 1024);
    }

    @Test
    void escapesControlCharactersOfKeysInPathsAndMessages() {
        Map<Object, Object> m = CorimRulesTest.corim(CorimRulesTest.comid());
        m.put("a\u001b[2J\u202eb", 1);

        CorimValidationResult r = VALIDATOR.validate(CorimRulesTest.unsigned(m));

        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("member.unknown");
            assertThat(p.path()).isEqualTo("/a\\u001b[2J\\u202eb");
            assertThat(p.message()).startsWith("unknown key a\\u001b[2J\\u202eb;");
        });
    }

    @Test
    void findsDuplicateKeysAmongManyKeysWithOneHashCode() {
        // 65,536 integer keys (k << 32 | k) whose Long.hashCode is 0, then the first one again.
        int n = 1 << 16;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xd9);
        out.write(0x01);
        out.write(0xf5); // #6.501
        out.write(0xba);
        writeInt(out, n + 2); // map of n + 2 pairs
        out.write(0x00);
        out.write(0x61);
        out.write('c'); // id: "c"
        for (int k = 1; k <= n + 1; k++) {
            long key = k <= n ? ((long) k << 32) | k : (1L << 32) | 1;
            out.write(0x1b);
            writeInt(out, (int) (key >>> 32));
            writeInt(out, (int) key);
            out.write(0x00);
        }
        CorimValidationResult r = guarded(() -> VALIDATOR.validate(out.toByteArray()));
        assertThat(r.problems()).extracting(CorimProblem::code).contains("cbor.duplicate-key");
    }

    @Test
    void findsCyclesAmongManyDomainsWithOneHashCode() {
        List<String> vendors = collidingStrings(14);
        List<Object> records = new ArrayList<>();
        for (int i = 0; i + 1 < vendors.size(); i += 2) {
            records.add(list(map(0, map(1, vendors.get(i))), list(map(0, map(1, vendors.get(i + 1))))));
        }
        Map<Object, Object> comid = CorimRulesTest.comid();
        comid.put(4, map(5, records));
        CorimValidationResult r = guarded(() -> VALIDATOR.validate(CorimRulesTest.unsigned(CorimRulesTest.corim(comid))));
        assertThat(r.problems()).isEmpty();
    }

    /** 2^n distinct ASCII strings of length 2n with one {@link String#hashCode()} ("Aa" and "BB" collide). */
    static List<String> collidingStrings(int n) {
        List<String> out = new ArrayList<>(List.of(""));
        for (int i = 0; i < n; i++) {
            List<String> next = new ArrayList<>(out.size() * 2);
            for (String s : out) {
                next.add(s + "Aa");
                next.add(s + "BB");
            }
            out = next;
        }
        return out;
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }
}
