package io.healthmonitor.corim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
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

    private static final CborItem[] NO_ITEMS = new CborItem[0];
    private static final int SMALL_INTS = 64;
    /**
     * Shared immutable items for untagged integers in [-64, 64): the keys of nearly every CoRIM map
     * and most small values. Items are immutable, so sharing is invisible to the checkers.
     */
    private static final CborItem[] SHARED_INTS = new CborItem[2 * SMALL_INTS];
    private static final CborItem TRUE = CborItem.ofSimple(CborItem.NO_TAGS, CborItem.Type.TRUE, 21);
    private static final CborItem FALSE = CborItem.ofSimple(CborItem.NO_TAGS, CborItem.Type.FALSE, 20);

    static {
        for (int i = 0; i < SHARED_INTS.length; i++) {
            SHARED_INTS[i] = CborItem.ofInt(CborItem.NO_TAGS, i - SMALL_INTS);
        }
    }

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
            JsonToken first = reader.next(baseDepth);
            if (first == null) {
                throw new CorimFormatException("cbor.malformed", 0, "empty input: expected one CBOR data item");
            }
            CborItem root = reader.read(first, baseDepth);
            // Whatever follows the item is refused from the reader's own walk, before Jackson reads it.
            JsonToken next = JsonToken.NOT_AVAILABLE;
            if (reader.position() == data.length) {
                try {
                    next = parser.nextToken();
                } catch (IOException | RuntimeException e) {
                    next = JsonToken.NOT_AVAILABLE;
                }
            }
            if (next != null) {
                long at = reader.position();
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
        /**
         * Start of the next item in {@code data}. The reader walks the CBOR heads in step with
         * Jackson's tokens, so it never asks the parser for a location object.
         */
        private int pos;
        /** Children of the open containers, popped into exact-size arrays when a container ends. */
        private CborItem[] stack = new CborItem[16];
        private int sp;

        Reader(JsonParser parser, byte[] data, int baseDepth) {
            this.parser = parser;
            this.data = data;
            this.baseDepth = baseDepth;
        }

        long offset() {
            return parser.currentTokenLocation().getByteOffset();
        }

        /**
         * Checks the heads of the item at {@link #pos} against the limits, then asks Jackson for
         * its token. Jackson reads a whole tag chain into a list that grows by a fixed step (work
         * quadratic in the chain) before it returns the token, so a chain longer than the depth
         * left, or a string longer than the limit or than the bytes left, is refused here first.
         */
        JsonToken next(int depth) throws IOException {
            int p = pos;
            int tagCount = 0;
            while (p < data.length && (data[p] & 0xE0) == 0xC0) {
                if (depth + ++tagCount > limits.maxDepth()) {
                    throw depthError(pos);
                }
                p += headLength(p);
            }
            if (p < data.length) {
                int major = (data[p] & 0xFF) >>> 5;
                if (major == 2 || major == 3) {
                    checkDeclaredLength(p, data[p] & 0x1F);
                }
            }
            return parser.nextToken();
        }

        /** Offset of the next item according to the reader's own walk of the heads. */
        int position() {
            return pos;
        }

        CborItem read(JsonToken token, int depth) throws IOException {
            if (++items > limits.maxItems()) {
                throw new CorimFormatException("limit.items", pos,
                        "more than " + limits.maxItems() + " CBOR data items (CorimLimits.maxItems)");
            }
            int off = pos;
            // Tag heads first: record them all, outermost first.
            int p = off;
            int tagCount = 0;
            while (p < data.length && (data[p] & 0xE0) == 0xC0) {
                long tag = headArgument(p);
                if (tagCount == tagScratch.length) {
                    tagScratch = Arrays.copyOf(tagScratch, tagCount * 2);
                }
                tagScratch[tagCount++] = tag;
                p += headLength(p);
                if (depth + tagCount > limits.maxDepth()) {
                    throw depthError(off);
                }
            }
            if (p >= data.length) {
                throw new CorimFormatException("cbor.malformed", p, "truncated CBOR: tag without content");
            }
            int major = (data[p] & 0xFF) >>> 5;
            int ai = data[p] & 0x1F;
            long[] tags = tagCount == 0 ? CborItem.NO_TAGS : Arrays.copyOf(tagScratch, tagCount);
            switch (token) {
                case START_OBJECT:
                    expect(major == 5, p);
                    pos = p + headLength(p);
                    return readMap(tags, ai == 31, depth + tagCount + 1, off);
                case START_ARRAY:
                    expect(major == 4, p);
                    pos = p + headLength(p);
                    return readArray(tags, ai == 31, depth + tagCount + 1, off);
                case VALUE_NUMBER_INT:
                    if (major == 7) {
                        pos = p + headLength(p);
                        return CborItem.ofSimple(tags, CborItem.Type.SIMPLE, parser.getIntValue());
                    }
                    if (major == 2 && tagCount > 0 && (tags[tagCount - 1] == 2 || tags[tagCount - 1] == 3)) {
                        // Jackson folds bignum tags 2/3 into the number; keep the outer tags.
                        pos = skipString(p);
                        return CborItem.ofBigInt(Arrays.copyOf(tags, tagCount - 1), parser.getBigIntegerValue());
                    }
                    expect(major == 0 || major == 1, p);
                    long arg = headArgument(p);
                    pos = p + headLength(p);
                    if (arg < 0) {
                        // Beyond a long: let Jackson build the BigInteger.
                        return CborItem.ofBigInt(tags, parser.getBigIntegerValue());
                    }
                    return intItem(tags, major == 0 ? arg : -1 - arg);
                case VALUE_NUMBER_FLOAT:
                    if (major != 7) {
                        throw new CorimFormatException("cbor.unsupported", off,
                                "decimal fractions and bigfloats (tags 4/5) are not supported");
                    }
                    pos = p + headLength(p);
                    return CborItem.ofFloat(tags, parser.getDoubleValue());
                case VALUE_STRING:
                    expect(major == 3, p);
                    String text = parser.getText();
                    if (text.length() > limits.maxStringBytes()) {
                        throw stringError(off);
                    }
                    pos = skipString(p);
                    return CborItem.ofText(tags, text, ai == 31);
                case VALUE_EMBEDDED_OBJECT:
                    if (major != 2) {
                        throw new CorimFormatException("cbor.unsupported", off,
                                "unsupported CBOR item of major type " + major);
                    }
                    byte[] bytes = parser.getBinaryValue();
                    if (bytes.length > limits.maxStringBytes()) {
                        throw stringError(off);
                    }
                    pos = skipString(p);
                    return CborItem.ofBytes(tags, bytes, ai == 31);
                case VALUE_TRUE:
                    expect(major == 7, p);
                    pos = p + headLength(p);
                    return tagCount == 0 ? TRUE : CborItem.ofSimple(tags, CborItem.Type.TRUE, 21);
                case VALUE_FALSE:
                    expect(major == 7, p);
                    pos = p + headLength(p);
                    return tagCount == 0 ? FALSE : CborItem.ofSimple(tags, CborItem.Type.FALSE, 20);
                case VALUE_NULL:
                    expect(major == 7, p);
                    pos = p + headLength(p);
                    return CborItem.ofSimple(tags, ai == 23 ? CborItem.Type.UNDEFINED : CborItem.Type.NULL, ai);
                default:
                    throw new CorimFormatException("cbor.malformed", off, "unexpected CBOR token " + token);
            }
        }

        /** An integer item; untagged small values (keys, algorithm ids, small counters) are shared. */
        private CborItem intItem(long[] tags, long v) {
            if (tags.length == 0 && v >= -SMALL_INTS && v < SMALL_INTS) {
                return SHARED_INTS[(int) v + SMALL_INTS];
            }
            return CborItem.ofInt(tags, v);
        }

        private void push(CborItem item) {
            if (sp == stack.length) {
                stack = Arrays.copyOf(stack, sp * 2);
            }
            stack[sp++] = item;
        }

        /** Pops the children pushed since {@code base} into an exact-size array. */
        private CborItem[] pop(int base) {
            // Stale references above sp are left in place: the reader lives for one decode only.
            CborItem[] out = sp == base ? NO_ITEMS : Arrays.copyOfRange(stack, base, sp);
            sp = base;
            return out;
        }

        private CborItem readMap(long[] tags, boolean indefinite, int depth, int off) throws IOException {
            if (depth > limits.maxDepth()) {
                throw depthError(off);
            }
            int base = sp;
            Set<KeyRef> seen = null;
            CborItem duplicate = null;
            JsonToken t;
            while ((t = next(depth)) != JsonToken.END_OBJECT) {
                if (t != JsonToken.FIELD_NAME) {
                    throw new CorimFormatException("cbor.malformed", offset(), "truncated or malformed map");
                }
                CborItem key = readKey(depth);
                CborItem value = read(next(depth), depth);
                if (duplicate == null) {
                    int n = sp - base;
                    if (n < 32) {
                        for (int i = base; i < sp; i += 2) {
                            if (stack[i].sameKey(key)) {
                                duplicate = key;
                                break;
                            }
                        }
                    } else {
                        if (seen == null) {
                            seen = new HashSet<>();
                            for (int i = base; i < sp; i += 2) {
                                seen.add(new KeyRef(stack[i]));
                            }
                        }
                        if (!seen.add(new KeyRef(key))) {
                            duplicate = key;
                        }
                    }
                }
                push(key);
                push(value);
            }
            if (indefinite) {
                pos++; // the break byte
            }
            return CborItem.ofMap(tags, pop(base), indefinite, duplicate);
        }

        private CborItem readKey(int depth) throws IOException {
            if (++items > limits.maxItems()) {
                throw new CorimFormatException("limit.items", pos,
                        "more than " + limits.maxItems() + " CBOR data items (CorimLimits.maxItems)");
            }
            int off = pos;
            int p = off;
            int tagCount = 0;
            while (p < data.length && (data[p] & 0xE0) == 0xC0) {
                tagScratch[0] = headArgument(p);
                tagCount++;
                p += headLength(p);
            }
            if (tagCount > 0) {
                throw new CorimFormatException("cbor.unsupported-key", off,
                        "tagged map keys are not used by CoRIM or COSE and are not supported");
            }
            if (p >= data.length) {
                throw new CorimFormatException("cbor.malformed", p, "truncated map key");
            }
            int major = (data[p] & 0xFF) >>> 5;
            if (major == 0 || major == 1) {
                // Read the integer from the head itself rather than from Jackson's name string.
                long arg = headArgument(p);
                pos = p + headLength(p);
                if (arg >= 0) {
                    long v = major == 0 ? arg : -1 - arg;
                    return intItem(CborItem.NO_TAGS, v);
                }
                BigInteger big = new BigInteger(Long.toUnsignedString(arg));
                return CborItem.ofBigInt(CborItem.NO_TAGS, major == 0 ? big : BigInteger.ONE.negate().subtract(big));
            }
            if (major == 3) {
                String name = parser.currentName();
                pos = skipString(p);
                return CborItem.ofText(CborItem.NO_TAGS, name, (data[p] & 0x1F) == 31);
            }
            throw new CorimFormatException("cbor.unsupported-key", off,
                    "map key of CBOR major type " + major + " is not supported (CoRIM and COSE keys are int or text)");
        }

        private CborItem readArray(long[] tags, boolean indefinite, int depth, int off) throws IOException {
            if (depth > limits.maxDepth()) {
                throw depthError(off);
            }
            int base = sp;
            JsonToken t;
            while ((t = next(depth)) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new CorimFormatException("cbor.malformed", data.length, "truncated array");
                }
                push(read(t, depth));
            }
            if (indefinite) {
                pos++; // the break byte
            }
            return CborItem.ofArray(tags, pop(base), indefinite);
        }

        /** The offset just after the byte or text string whose head is at {@code p}. */
        private int skipString(int p) {
            if ((data[p] & 0x1F) != 31) {
                return p + headLength(p) + (int) stringLength(p);
            }
            int q = p + 1;
            while (true) {
                if (q >= data.length) {
                    throw new CorimFormatException("cbor.malformed", q, "truncated indefinite-length string");
                }
                if ((data[q] & 0xFF) == 0xFF) {
                    return q + 1;
                }
                q += headLength(q) + (int) stringLength(q);
            }
        }

        /** The declared length of the definite string at {@code p}, checked against the bytes left. */
        private long stringLength(int p) {
            long declared = headArgument(p);
            long available = data.length - (long) p - headLength(p);
            if (declared < 0 || declared > available) {
                throw new CorimFormatException("cbor.malformed", p, "truncated CBOR string");
            }
            return declared;
        }

        /** Guards the walk of the heads: Jackson's token must agree with the major type read here. */
        private void expect(boolean agrees, int p) {
            if (!agrees) {
                throw new CorimFormatException("cbor.malformed", p, "malformed CBOR head at offset " + p);
            }
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

    /** Hash-set adapter for typed key comparison in large maps; ordered so that colliding keys stay cheap. */
    private record KeyRef(CborItem key) implements Comparable<KeyRef> {
        @Override
        public int compareTo(KeyRef other) {
            return CborItem.compare(key, other.key);
        }

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
