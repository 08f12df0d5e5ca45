package io.healthmonitor.corim;

import static io.healthmonitor.corim.Cbor.encode;
import static io.healthmonitor.corim.Cbor.list;
import static io.healthmonitor.corim.Cbor.map;
import static io.healthmonitor.corim.Cbor.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoder's own reading of strings and containers, beside Jackson's tokens. */
class CborDecoderTest {

    private static final CorimLimits LIMITS = CorimLimits.defaults();

    static CborItem decode(byte[] data) {
        return new CborDecoder(CborDecoder.factory(LIMITS), LIMITS).decode(data, 0);
    }

    static CborItem decodeHex(String hex) {
        return decode(HexFormat.of().parseHex(hex));
    }

    static void assertMalformed(String hex, String code) {
        assertThatThrownBy(() -> decodeHex(hex)).isInstanceOfSatisfying(CorimFormatException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void readsTextAsUtf8AndRefusesMalformedUtf8() {
        assertThat(decode(encode("grüße, 世界")).text()).isEqualTo("grüße, 世界");
        assertThat(decode(encode("plain ascii")).text()).isEqualTo("plain ascii");
        assertMalformed("62c328", "cbor.malformed"); // "\xc3(": a truncated two-byte sequence
        assertMalformed("63eda080", "cbor.malformed"); // an encoded surrogate
    }

    @Test
    void checksTextMapKeysAsStrictlyAsTextValues() {
        assertThat(decodeHex("a163c3bc6101").key(0).text()).isEqualTo("üa");
        assertMalformed("a162c08000", "cbor.malformed"); // overlong NUL
        assertMalformed("a163e080af00", "cbor.malformed"); // overlong "/"
        assertMalformed("a163eda08000", "cbor.malformed"); // an encoded surrogate
        assertMalformed("a164f490808000", "cbor.malformed"); // above U+10FFFF
        assertMalformed("a17f61c361a9ff00", "cbor.malformed"); // "é" split between two chunks
        assertThat(decodeHex("a17f616162c3a9ff00").key(0).text()).isEqualTo("aé");
    }

    @Test
    void refusesMapKeysOtherThanIntegersAndText() {
        for (String key : List.of("80", "a0", "f93c00", "f5", "f6", "f7", "e0", "f820", "c680")) {
            assertMalformed("a1" + key + "00", "cbor.unsupported-key");
        }
        assertMalformed("a14100" + "00", "cbor.unsupported-key");
        assertThat(decodeHex("bf0000ff").size()).isEqualTo(1);
    }

    @Test
    void joinsTheChunksOfIndefiniteLengthStrings() {
        CborItem text = decodeHex("7f6161626263ff"); // (_ "a", "bc")
        assertThat(text.text()).isEqualTo("abc");
        assertThat(text.indefinite).isTrue();
        CborItem bytes = decodeHex("5f4101420203ff"); // (_ h'01', h'0203')
        assertThat(bytes.bytes()).containsExactly(1, 2, 3);
        assertThat(bytes.byteLength()).isEqualTo(3);
    }

    @Test
    void refusesChunksOfTheWrongTypeAndMalformedUtf8InAChunk() {
        assertMalformed("7f4161ff", "cbor.malformed"); // a byte chunk in a text string
        assertMalformed("5f7f6161ffff", "cbor.malformed"); // an indefinite chunk
        assertMalformed("7f61c3ff", "cbor.malformed"); // half a character in a chunk
    }

    @Test
    void byteStringsViewTheInputAndCopyOnRequest() {
        byte[] input = encode(list(new byte[] {9, 8, 7}, "x"));
        CborItem bytes = decode(input).items[0];
        assertThat(bytes.data()).isSameAs(input);
        assertThat(bytes.bytes()).containsExactly(9, 8, 7).isNotSameAs(input);
        assertThat(bytes.deepEquals(decode(encode(new byte[] {9, 8, 7})))).isTrue();
    }

    @Test
    void decodesEmbeddedCborInPlaceWithOffsetsOfItsOwn() {
        byte[] inner = encode(map(1, "one"));
        byte[] outer = encode(tag(506, inner));
        CborItem wrapper = decode(outer);
        CborDecoder decoder = new CborDecoder(CborDecoder.factory(LIMITS), LIMITS);
        CborItem content = decoder.decode(wrapper.data(), wrapper.offset(), wrapper.byteLength(), 1);
        assertThat(content.get(1).text()).isEqualTo("one");
        byte[] trailing = encode(tag(506, new byte[] {0x01, 0x02}));
        CborItem bad = decode(trailing);
        assertThatThrownBy(() -> decoder.decode(bad.data(), bad.offset(), bad.byteLength(), 1))
                .isInstanceOfSatisfying(CorimFormatException.class, e -> {
                    assertThat(e.code()).isEqualTo("cbor.trailing-bytes");
                    assertThat(e.offset()).isEqualTo(1);
                });
    }

    @Test
    void findsDuplicateKeysAmongSmallAndOtherKeys() {
        assertThat(decodeHex("a3000101020003").duplicateKey().longValue).isZero(); // {0: 1, 1: 2, 0: 3}
        assertThat(decodeHex("a2616b00616b01").duplicateKey().text()).isEqualTo("k"); // {"k": 0, "k": 1}
        assertThat(decodeHex("a2186400186401").duplicateKey().longValue).isEqualTo(100);
        assertThat(decodeHex("a20000613001").duplicateKey()).isNull(); // 0 and "0" are different keys
    }

    @Test
    void readsLongAndIndefiniteContainers() {
        Map<Object, Object> big = new LinkedHashMap<>();
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            big.put(i, i);
            many.add("item-" + i);
        }
        CborItem m = decode(encode(big));
        assertThat(m.size()).isEqualTo(200);
        assertThat(m.get(199).longValue).isEqualTo(199);
        assertThat(decode(encode(many)).items).hasSize(200);
        CborItem indefinite = decodeHex("bf019f0304ffff"); // {_ 1: [_ 3, 4]}
        assertThat(indefinite.indefinite).isTrue();
        assertThat(indefinite.get(1).items).extracting(i -> i.longValue).containsExactly(3L, 4L);
    }

    @Test
    void refusesATextKeyLongerThanTheStringLimitFromItsHead() {
        CorimLimits small = LIMITS.withMaxStringBytes(8);
        byte[] key = "a key much longer than eight".getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[key.length + 4];
        input[0] = (byte) 0xa1;
        input[1] = 0x78;
        input[2] = (byte) key.length;
        System.arraycopy(key, 0, input, 3, key.length);
        assertThatThrownBy(() -> new CborDecoder(CborDecoder.factory(small), small).decode(input, 0))
                .isInstanceOfSatisfying(CorimFormatException.class, e -> assertThat(e.code()).isEqualTo("limit.string-length"));
    }
}
