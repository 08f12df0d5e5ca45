package io.healthmonitor.corim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes one CBOR data item with Jackson's streaming {@code CBORParser} into {@link CborItem}s.
 *
 * <p>Jackson turns integer map keys into names and swallows some head details, so at each token
 * the decoder also reads the item's initial bytes (tag heads, major type, additional information)
 * from the input, which it holds in full. Declared string lengths are compared with the bytes
 * actually left before Jackson is asked to materialise a string. One decoder instance serves one
 * input (including its embedded CBOR) and shares the depth and item budget across them.
 */
final class CborDecoder {

    private final CBORFactory factory;
    private final CorimLimits limits;
    private int items;

    CborDecoder(CBORFactory factory, CorimLimits limits) {
        this.factory = factory;
        this.limits = limits;
    }

    static CBORFactory factory(CorimLimits limits) {
        return CBORFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth() + 2)
                        .maxStringLength(Math.max(limits.maxStringBytes(), 1))
                        .maxNumberLength(1_000)
                        .build())
                .build();
    }

    /**
     * Decodes exactly one item spanning the whole of {@code data}.
     *
     * @param baseDepth nesting depth already used by the enclosing item (for embedded CBOR)
     * @throws CorimFormatException if the bytes are not one well-formed item within the limits
     */
    CborItem decode(byte[] data, int baseDepth) {
        try (JsonParser parser = factory.createParser(data)) {
            Reader reader = new Reader(parser, data, baseDepth);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new CorimFormatException("cbor.malformed", 0, "empty input: expected one CBOR data item");
            }
            CborItem root = reader.read(first, baseDepth);
            JsonToken next;
            try {
                next = parser.nextToken();
            } catch (IOException | RuntimeException e) {
                next = JsonToken.NOT_AVAILABLE;
            }
            if (next != null) {
                long at = reader.offset();
                throw new CorimFormatException("cbor.trailing-bytes", at,
                        "trailing bytes after the single top-level CBOR data item (RFC 8949 §5.1)");
            }
            return root;
        } catch (CorimFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Jackson reports truncation, invalid heads, invalid UTF-8 and constraint breaches here.
            String msg = String.valueOf(e.getMessage());
            int nl = msg.indexOf('\n');
            throw new CorimFormatException("cbor.malformed", -1,
                    "not well-formed CBOR: " + (nl < 0 ? msg : msg.substring(0, nl)));
        }
    }

    private final class Reader {
        private final JsonParser parser;
        private final byte[] data;
        private final int baseDepth;
        private long[] tagScratch = new long[4];

        Reader(JsonParser parser, byte[] data, int baseDepth) {
            this.parser = parser;
            this.data = data;
            this.baseDepth = baseDepth;
        }

        long offset() {
            return parser.currentTokenLocation().getByteOffset();
        }

        CborItem read(JsonToken token, int depth) throws IOException {
            if (++items > limits.maxItems()) {
                throw new CorimFormatException("limit.items", offset(),
                        "more than " + limits.maxItems() + " CBOR data items (CorimLimits.maxItems)");
            }
            int off = (int) offset();
            // Tag heads first: record them all, outermost first.
            int pos = off;
            int tagCount = 0;
            while (pos < data.length && (data[pos] & 0xE0) == 0xC0) {
                long tag = headArgument(pos);
                if (tagCount == tagScratch.length) {
                    tagScratch = Arrays.copyOf(tagScratch, tagCount * 2);
                }
                tagScratch[tagCount++] = tag;
                pos += headLength(pos);
                if (depth + tagCount > limits.maxDepth()) {
                    throw depthError(off);
                }
            }
            if (pos >= data.length) {
                throw new CorimFormatException("cbor.malformed", pos, "truncated CBOR: tag without content");
            }
            int major = (data[pos] & 0xFF) >>> 5;
            int ai = data[pos] & 0x1F;
            long[] tags = tagCount == 0 ? CborItem.NO_TAGS : Arrays.copyOf(tagScratch, tagCount);
            switch (token) {
                case START_OBJECT:
                    return readMap(tags, ai == 31, depth + tagCount + 1, off);
                case START_ARRAY:
                    return readArray(tags, ai == 31, depth + tagCount + 1, off);
                case VALUE_NUMBER_INT:
                    if (major == 7) {
                        return CborItem.ofSimple(tags, CborItem.Type.SIMPLE, parser.getIntValue());
                    }
                    if (major == 2 && tagCount > 0 && (tags[tagCount - 1] == 2 || tags[tagCount - 1] == 3)) {
                        // Jackson folds bignum tags 2/3 into the number; keep the outer tags.
                        return CborItem.ofBigInt(Arrays.copyOf(tags, tagCount - 1), parser.getBigIntegerValue());
                    }
                    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return CborItem.ofBigInt(tags, parser.getBigIntegerValue());
                    }
                    return CborItem.ofInt(tags, parser.getLongValue());
                case VALUE_NUMBER_FLOAT:
                    if (major != 7) {
                        throw new CorimFormatException("cbor.unsupported", off,
                                "decimal fractions and bigfloats (tags 4/5) are not supported");
                    }
                    return CborItem.ofFloat(tags, parser.getDoubleValue());
                case VALUE_STRING:
                    checkDeclaredLength(pos, ai);
                    String text = parser.getText();
                    if (text.length() > limits.maxStringBytes()) {
                        throw stringError(off);
                    }
                    return CborItem.ofText(tags, text, ai == 31);
                case VALUE_EMBEDDED_OBJECT:
                    if (major != 2) {
                        throw new CorimFormatException("cbor.unsupported", off,
                                "unsupported CBOR item of major type " + major);
                    }
                    checkDeclaredLength(pos, ai);
                    byte[] bytes = parser.getBinaryValue();
                    if (bytes.length > limits.maxStringBytes()) {
                        throw stringError(off);
                    }
                    return CborItem.ofBytes(tags, bytes, ai == 31);
                case VALUE_TRUE:
                    return CborItem.ofSimple(tags, CborItem.Type.TRUE, 21);
                case VALUE_FALSE:
                    return CborItem.ofSimple(tags, CborItem.Type.FALSE, 20);
                case VALUE_NULL:
                    return CborItem.ofSimple(tags, ai == 23 ? CborItem.Type.UNDEFINED : CborItem.Type.NULL, ai);
                default:
                    throw new CorimFormatException("cbor.malformed", off, "unexpected CBOR token " + token);
            }
        }

        private CborItem readMap(long[] tags, boolean indefinite, int depth, int off) throws IOException {
            if (depth > limits.maxDepth()) {
                throw depthError(off);
            }
            List<CborItem> entries = new ArrayList<>();
            Set<KeyRef> seen = null;
            CborItem duplicate = null;
            JsonToken t;
            while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
                if (t != JsonToken.FIELD_NAME) {
                    throw new CorimFormatException("cbor.malformed", offset(), "truncated or malformed map");
                }
                CborItem key = readKey(depth);
                CborItem value = read(parser.nextToken(), depth);
                if (duplicate == null) {
                    if (entries.size() < 32) {
                        for (int i = 0; i < entries.size(); i += 2) {
                            if (entries.get(i).sameKey(key)) {
                                duplicate = key;
                                break;
                            }
                        }
                    } else {
                        if (seen == null) {
                            seen = new HashSet<>();
                            for (int i = 0; i < entries.size(); i += 2) {
                                seen.add(new KeyRef(entries.get(i)));
                            }
                        }
                        if (!seen.add(new KeyRef(key))) {
                            duplicate = key;
                        }
                    }
                } 
                entries.add(key);
                entries.add(value);
            }
            return CborItem.ofMap(tags, entries.toArray(new CborItem[0]), indefinite, duplicate);
        }

        private CborItem readKey(int depth) throws IOException {
            if (++items > limits.maxItems()) {
                throw new CorimFormatException("limit.items", offset(),
                        "more than " + limits.maxItems() + " CBOR data items (CorimLimits.maxItems)");
            }
            int off = (int) offset();
            int pos = off;
            int tagCount = 0;
            while (pos < data.length && (data[pos] & 0xE0) == 0xC0) {
                tagScratch[0] = headArgument(pos);
                tagCount++;
                pos += headLength(pos);
            }
            if (tagCount > 0) {
                throw new CorimFormatException("cbor.unsupported-key", off,
                        "tagged map keys are not used by CoRIM or COSE and are not supported");
            }
            if (pos >= data.length) {
                throw new CorimFormatException("cbor.malformed", pos, "truncated map key");
            }
            int major = (data[pos] & 0xFF) >>> 5;
            String name = parser.currentName();
            if (major == 0 || major == 1) {
                // Small keys are the norm (CoRIM keys are 0..15 and small negatives): skip BigInteger.
                if (name.length() < 18) {
                    return CborItem.ofInt(CborItem.NO_TAGS, Long.parseLong(name));
                }
                return CborItem.ofBigInt(CborItem.NO_TAGS, new BigInteger(name));
            }
            if (major == 3) {
                return CborItem.ofText(CborItem.NO_TAGS, name, (data[pos] & 0x1F) == 31);
            }
            throw new CorimFormatException("cbor.unsupported-key", off,
                    "map key of CBOR major type " + major + " is not supported (CoRIM and COSE keys are int or text)");
        }

        private CborItem readArray(long[] tags, boolean indefinite, int depth, int off) throws IOException {
            if (depth > limits.maxDepth()) {
                throw depthError(off);
            }
            List<CborItem> elements = new ArrayList<>();
            JsonToken t;
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new CorimFormatException("cbor.malformed", data.length, "truncated array");
                }
                elements.add(read(t, depth));
            }
            return CborItem.ofArray(tags, elements.toArray(new CborItem[0]), indefinite);
        }

        private void checkDeclaredLength(int pos, int ai) {
            if (ai == 31) {
                return;
            }
            long declared = headArgument(pos);
            long available = data.length - (long) pos - headLength(pos);
            if (declared < 0 || declared > limits.maxStringBytes()) {
                throw stringError(pos);
            }
            if (declared > available) {
                throw new CorimFormatException("cbor.malformed", pos, "truncated CBOR: string declares "
                        + declared + " bytes but only " + available + " remain");
            }
        }

        private long headArgument(int pos) {
            int ai = data[pos] & 0x1F;
            if (ai < 24) {
                return ai;
            }
            int n = headLength(pos) - 1;
            if (n <= 0 || pos + n >= data.length) {
                throw new CorimFormatException("cbor.malformed", pos, "truncated or reserved CBOR head");
            }
            long v = 0;
            for (int i = 1; i <= n; i++) {
                v = (v << 8) | (data[pos + i] & 0xFF);
            }
            return v;
        }

        private int headLength(int pos) {
            int ai = data[pos] & 0x1F;
            return switch (ai) {
                case 24 -> 2;
                case 25 -> 3;
                case 26 -> 5;
                case 27 -> 9;
                default -> 1;
            };
        }

        private CorimFormatException depthError(int off) {
            return new CorimFormatException("limit.depth", off,
                    "CBOR nesting deeper than " + limits.maxDepth() + " (CorimLimits.maxDepth)");
        }

        private CorimFormatException stringError(int off) {
            return new CorimFormatException("limit.string-length", off,
                    "CBOR string longer than " + limits.maxStringBytes() + " bytes (CorimLimits.maxStringBytes)");
        }
    }

    /** Hash-set adapter for typed key comparison in large maps. */
    private record KeyRef(CborItem key) {
        @Override
        public boolean equals(Object o) {
            return o instanceof KeyRef other && key.sameKey(other.key);
        }

        @Override
        public int hashCode() {
            return key.type.hashCode() * 31 + Long.hashCode(key.longValue)
                    + (key.text == null ? 0 : key.text.hashCode());
        }
    }
}
