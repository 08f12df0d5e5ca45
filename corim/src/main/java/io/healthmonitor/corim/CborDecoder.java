package io.healthmonitor.corim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
    /** Definite containers up to this many entries are read straight into an exact-size array. */
    private static final int DIRECT_ENTRIES = 64;
    /** Maps compare a key that is not a small integer with the earlier keys one by one up to this many entries. */
    private static final int LINEAR_KEY_SCAN = 32;
    /** The major type of a tag head, in the high three bits. */
    private static final int MAJOR_TAG = 0xC0;
    private static final int MAJOR_BYTES = 2;
    private static final int MAJOR_TEXT = 3;
    /** The "break" stop code that ends an indefinite-length item. */
    private static final int BREAK = 0xFF;
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
    private final int maxDepth;
    private final int maxItems;
    private int items;

    CborDecoder(CBORFactory factory, CorimLimits limits) {
        this.factory = factory;
        this.limits = limits;
        this.maxDepth = limits.maxDepth();
        this.maxItems = limits.maxItems();
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
        return decode(data, 0, data.length, baseDepth);
    }

    /**
     * Decodes exactly one item spanning {@code length} bytes of {@code data} from {@code offset},
     * such as the content of a byte string of an item decoded before; byte and text strings of the
     * result view {@code data}, which must not change while they are in use. Offsets in errors are
     * relative to {@code offset}.
     *
     * @param baseDepth nesting depth already used by the enclosing item (for embedded CBOR)
     * @throws CorimFormatException if the bytes are not one well-formed item within the limits
     */
    CborItem decode(byte[] data, int offset, int length, int baseDepth) {
        try {
            return decodeSlice(data, offset, offset + length, baseDepth);
        } catch (CorimFormatException e) {
            throw offset == 0 || e.offset() < 0 ? e : new CorimFormatException(e.code(), e.offset() - offset, e.getMessage());
        }
    }

    private CborItem decodeSlice(byte[] data, int start, int end, int baseDepth) {
        try (JsonParser parser = factory.createParser(data, start, end - start)) {
            Reader reader = new Reader(parser, data, start, end);
            JsonToken first = reader.next(baseDepth);
            if (first == null) {
                throw new CorimFormatException("cbor.malformed", start, "empty input: expected one CBOR data item");
            }
            CborItem root = reader.read(first, baseDepth);
            // Whatever follows the item is refused from the reader's own walk, before Jackson reads it.
            JsonToken next = JsonToken.NOT_AVAILABLE;
            if (reader.position() == end) {
                try {
                    next = parser.nextToken();
                } catch (IOException | RuntimeException e) {
                    next = JsonToken.NOT_AVAILABLE;
                }
            }
            if (next != null) {
                throw new CorimFormatException("cbor.trailing-bytes", reader.position(),
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
        /** The end of the item's bytes in {@link #data}. */
        private final int end;
        /** From {@link #next}: the head of the next item's content, after its tags. */
        private int head;
        /** From {@link #next}: how many tag heads precede the next item's content. */
        private int tagCount;
        /**
         * Start of the next item in {@code data}. The reader walks the CBOR heads in step with
         * Jackson's tokens, so it never asks the parser for a location object.
         */
        private int pos;
        /**
         * Children of the open indefinite-length or long containers, popped into exact-size
         * arrays when a container ends; created when first needed.
         */
        private CborItem[] stack = NO_ITEMS;
        private int sp;

        Reader(JsonParser parser, byte[] data, int start, int end) {
            this.parser = parser;
            this.data = data;
            this.end = end;
            this.pos = start;
        }

        long offset() {
            return parser.currentTokenLocation().getByteOffset();
        }

        /**
         * Walks the tag heads of the item at {@link #pos}, then asks Jackson for its token.
         * Jackson reads a whole tag chain into a list that grows by a fixed step (work quadratic in
         * the chain) before it returns the token, so a chain longer than the depth left is refused
         * here first. Leaves the chain's length in {@link #tagCount} and the head of the content
         * in {@link #head} for {@link #read} and {@link #readKey}.
         */
        JsonToken next(int depth) throws IOException {
            int p = pos;
            int n = 0;
            while (p < end && (data[p] & 0xE0) == MAJOR_TAG) {
                if (depth + ++n > maxDepth) {
                    throw depthError(pos);
                }
                p += headLength(p);
            }
            head = p;
            tagCount = n;
            return parser.nextToken();
        }

        /**
         * {@link #next} for a map key: Jackson also decodes a text key before it returns the token,
         * so a key longer than the string limit or than the bytes left is refused here first, and
         * a key of a type CoRIM does not use (which Jackson would fail as malformed) as unsupported.
         *
         * @param keyDue whether the map has a key to come (else the next item is not one of its keys)
         */
        private JsonToken nextKey(int depth, boolean keyDue) throws IOException {
            int p = pos;
            while (keyDue && p < end && (data[p] & 0xE0) == MAJOR_TAG) {
                p += headLength(p);
            }
            if (keyDue && p < end && (data[p] & 0xFF) != BREAK) {
                int major = (data[p] & 0xFF) >>> 5;
                if (major == MAJOR_TEXT) {
                    checkDeclaredLength(p, data[p] & 0x1F);
                } else if (major != 0 && major != 1 && major != MAJOR_BYTES) {
                    // Jackson refuses these keys as "not (yet?) supported", which would read as malformed CBOR.
                    throw new CorimFormatException("cbor.unsupported-key", pos, "map key of CBOR major type " + major
                            + " is not supported (CoRIM and COSE keys are int or text)");
                }
            }
            return next(depth);
        }

        /** Offset of the next item according to the reader's own walk of the heads. */
        int position() {
            return pos;
        }

        /** The item whose token {@link #next} returned. */
        CborItem read(JsonToken token, int depth) throws IOException {
            countItem();
            int off = pos;
            int p = head;
            int tagCount = this.tagCount;
            if (p >= end) {
                throw new CorimFormatException("cbor.malformed", p, "truncated CBOR: tag without content");
            }
            int major = (data[p] & 0xFF) >>> 5;
            int ai = data[p] & 0x1F;
            long[] tags = tagCount == 0 ? CborItem.NO_TAGS : tags(off, tagCount);
            switch (token) {
                case START_OBJECT:
                    expect(major == 5, p);
                    pos = p + headLength(p);
                    return readMap(tags, p, depth + tagCount + 1, off);
                case START_ARRAY:
                    expect(major == 4, p);
                    pos = p + headLength(p);
                    return readArray(tags, p, depth + tagCount + 1, off);
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
                    // The string is read from the input here; Jackson skips it without decoding.
                    expect(major == 3, p);
                    return text(tags, p);
                case VALUE_EMBEDDED_OBJECT:
                    if (major != 2) {
                        throw new CorimFormatException("cbor.unsupported", off,
                                "unsupported CBOR item of major type " + major);
                    }
                    return bytes(tags, p);
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

        private void countItem() {
            if (++items > maxItems) {
                throw new CorimFormatException("limit.items", pos,
                        "more than " + maxItems + " CBOR data items (CorimLimits.maxItems)");
            }
        }

        /** The tag numbers of the {@code n} tag heads from {@code p}, outermost first. */
        private long[] tags(int p, int n) {
            long[] tags = new long[n];
            for (int i = 0; i < n; i++) {
                tags[i] = headArgument(p);
                p += headLength(p);
            }
            return tags;
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
                stack = Arrays.copyOf(stack, Math.max(16, sp * 2));
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

        /**
         * The array a definite container of at most {@link #DIRECT_ENTRIES} entries is read into
         * directly, or null: indefinite and longer ones collect their children on the stack,
         * because a declared length is never trusted with a large allocation.
         */
        private CborItem @Nullable [] direct(int head, int slotsPerEntry) {
            if ((data[head] & 0x1F) == 31) {
                return null;
            }
            long declared = headArgument(head);
            if (declared < 0 || declared > DIRECT_ENTRIES) {
                return null;
            }
            return declared == 0 ? NO_ITEMS : new CborItem[(int) declared * slotsPerEntry];
        }

        private CborItem readMap(long[] tags, int head, int depth, int off) throws IOException {
            if (depth > maxDepth) {
                throw depthError(off);
            }
            boolean indefinite = (data[head] & 0x1F) == 31;
            CborItem[] direct = direct(head, 2);
            int base = sp;
            int n = 0;
            long smallKeys = 0;
            Set<KeyRef> seen = null;
            CborItem duplicate = null;
            JsonToken t;
            long declared = indefinite ? Long.MAX_VALUE : headArgument(head);
            while ((t = nextKey(depth, Long.compareUnsigned(n, declared) < 0)) != JsonToken.END_OBJECT) {
                if (t != JsonToken.FIELD_NAME) {
                    throw new CorimFormatException("cbor.malformed", offset(), "truncated or malformed map");
                }
                CborItem key = readKey(depth);
                CborItem value = read(next(depth), depth);
                if (duplicate == null) {
                    if (key.isPlainInt() && key.longValue >= 0 && key.longValue < Long.SIZE) {
                        // The keys of nearly every CoRIM map: one bit each.
                        long bit = 1L << key.longValue;
                        duplicate = (smallKeys & bit) != 0 ? key : null;
                        smallKeys |= bit;
                    } else if (n < LINEAR_KEY_SCAN) {
                        CborItem[] keys = direct != null ? direct : stack;
                        int from = direct != null ? 0 : base;
                        for (int i = from; i < from + 2 * n; i += 2) {
                            if (keys[i].sameKey(key)) {
                                duplicate = key;
                                break;
                            }
                        }
                    } else {
                        if (seen == null) {
                            seen = new HashSet<>();
                            CborItem[] keys = direct != null ? direct : stack;
                            int from = direct != null ? 0 : base;
                            for (int i = from; i < from + 2 * n; i += 2) {
                                seen.add(new KeyRef(keys[i]));
                            }
                        }
                        if (!seen.add(new KeyRef(key))) {
                            duplicate = key;
                        }
                    }
                }
                if (direct != null) {
                    if (2 * n + 1 >= direct.length) {
                        throw new CorimFormatException("cbor.malformed", pos, "map longer than declared");
                    }
                    direct[2 * n] = key;
                    direct[2 * n + 1] = value;
                } else {
                    push(key);
                    push(value);
                }
                n++;
            }
            if (indefinite) {
                pos++; // the break byte
            }
            if (direct != null && 2 * n != direct.length) {
                throw new CorimFormatException("cbor.malformed", pos, "map shorter than declared");
            }
            return CborItem.ofMap(tags, direct != null ? direct : pop(base), indefinite, duplicate);
        }

        /** The map key whose token {@link #nextKey} returned. */
        private CborItem readKey(int depth) throws IOException {
            countItem();
            int off = pos;
            int p = head;
            if (tagCount > 0) {
                throw new CorimFormatException("cbor.unsupported-key", off,
                        "tagged map keys are not used by CoRIM or COSE and are not supported");
            }
            if (p >= end) {
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
            if (major == MAJOR_TEXT) {
                // Read from the input like a text value: Jackson's name decoder lets overlong forms,
                // surrogates and code points above U+10FFFF through, and joins chunks before checking.
                return text(CborItem.NO_TAGS, p);
            }
            throw new CorimFormatException("cbor.unsupported-key", off,
                    "map key of CBOR major type " + major + " is not supported (CoRIM and COSE keys are int or text)");
        }

        private CborItem readArray(long[] tags, int head, int depth, int off) throws IOException {
            if (depth > maxDepth) {
                throw depthError(off);
            }
            boolean indefinite = (data[head] & 0x1F) == 31;
            CborItem[] direct = direct(head, 1);
            int base = sp;
            int n = 0;
            JsonToken t;
            while ((t = next(depth)) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new CorimFormatException("cbor.malformed", end, "truncated array");
                }
                CborItem item = read(t, depth);
                if (direct != null) {
                    if (n == direct.length) {
                        throw new CorimFormatException("cbor.malformed", pos, "array longer than declared");
                    }
                    direct[n] = item;
                } else {
                    push(item);
                }
                n++;
            }
            if (indefinite) {
                pos++; // the break byte
            }
            if (direct != null && n != direct.length) {
                throw new CorimFormatException("cbor.malformed", pos, "array shorter than declared");
            }
            return CborItem.ofArray(tags, direct != null ? direct : pop(base), indefinite);
        }

        /**
         * The text string whose head is at {@code p}, checked to be UTF-8; moves {@link #pos} past
         * it. A definite-length string views the input and is decoded only when a rule reads it.
         */
        private CborItem text(long[] tags, int p) {
            if ((data[p] & 0x1F) != 31) {
                checkDeclaredLength(p, data[p] & 0x1F);
                int start = p + headLength(p);
                int length = (int) stringLength(p);
                pos = start + length;
                String decoded = utf8(start, length);
                return decoded == null ? CborItem.ofText(tags, data, start, length, false) : CborItem.ofText(tags, decoded, false);
            }
            StringBuilder sb = new StringBuilder();
            int q = p + 1;
            for (int chunk = chunk(q, MAJOR_TEXT); chunk >= 0; chunk = chunk(q, MAJOR_TEXT)) {
                int start = q + headLength(q);
                String decoded = utf8(start, chunk);
                sb.append(decoded != null ? decoded : new String(data, start, chunk, StandardCharsets.ISO_8859_1));
                q = start + chunk;
                if (sb.length() > limits.maxStringBytes()) {
                    throw stringError(p);
                }
            }
            pos = q + 1;
            return CborItem.ofText(tags, sb.toString(), true);
        }

        /**
         * The byte string whose head is at {@code p}; moves {@link #pos} past it. A definite-length
         * string views the input; the chunks of an indefinite-length one are joined in a copy.
         */
        private CborItem bytes(long[] tags, int p) {
            if ((data[p] & 0x1F) != 31) {
                checkDeclaredLength(p, data[p] & 0x1F);
                int start = p + headLength(p);
                int length = (int) stringLength(p);
                pos = start + length;
                return CborItem.ofBytes(tags, data, start, length, false);
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int q = p + 1;
            for (int chunk = chunk(q, MAJOR_BYTES); chunk >= 0; chunk = chunk(q, MAJOR_BYTES)) {
                int start = q + headLength(q);
                out.write(data, start, chunk);
                q = start + chunk;
                if (out.size() > limits.maxStringBytes()) {
                    throw stringError(p);
                }
            }
            pos = q + 1;
            byte[] joined = out.toByteArray();
            return CborItem.ofBytes(tags, joined, 0, joined.length, true);
        }

        /**
         * The length of the chunk of an indefinite-length string whose head is at {@code q}, or -1
         * at the break that ends the string. A chunk is a definite-length string of the same major
         * type (RFC 8949 §3.2.3).
         */
        private int chunk(int q, int major) {
            if (q >= end) {
                throw new CorimFormatException("cbor.malformed", q, "truncated indefinite-length string");
            }
            if ((data[q] & 0xFF) == BREAK) {
                return -1;
            }
            if ((data[q] & 0xFF) >>> 5 != major || (data[q] & 0x1F) == 31) {
                throw new CorimFormatException("cbor.malformed", q,
                        "a chunk of an indefinite-length string must be a definite-length string of the same type");
            }
            return (int) stringLength(q);
        }

        /**
         * Checks UTF-8, refusing malformed sequences (RFC 8949 §3.1: text strings are UTF-8).
         *
         * @return null for ASCII, which a view decodes as it is read; the decoded text otherwise
         */
        private @Nullable String utf8(int start, int length) {
            int stop = start + length;
            for (int i = start; i < stop; i++) {
                if (data[i] < 0) {
                    try {
                        return StandardCharsets.UTF_8.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(data, start, length)).toString();
                    } catch (CharacterCodingException e) {
                        throw new CorimFormatException("cbor.malformed", start, "a text string is not valid UTF-8");
                    }
                }
            }
            return null;
        }

        /** The offset just after the byte or text string whose head is at {@code p}. */
        private int skipString(int p) {
            if ((data[p] & 0x1F) != 31) {
                return p + headLength(p) + (int) stringLength(p);
            }
            int q = p + 1;
            while (true) {
                if (q >= end) {
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
            long available = end - (long) p - headLength(p);
            if (declared < 0 || declared > available) {
                throw new CorimFormatException("cbor.malformed", p, "truncated CBOR string");
            }
            return declared;
        }

        /** Guards the walk of the heads: Jackson's token must agree with the major type read here. */
        private void expect(boolean agrees, int p) {
            if (!agrees) {
                throw new CorimFormatException("cbor.malformed", p, "malformed CBOR head");
            }
        }

        private void checkDeclaredLength(int pos, int ai) {
            if (ai == 31) {
                return;
            }
            long declared = headArgument(pos);
            long available = end - (long) pos - headLength(pos);
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
            if (n <= 0 || pos + n >= end) {
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
            // Keys are integers or text: Long.hashCode of a text key's longValue is 0.
            return key.type.hashCode() * 31 + Long.hashCode(key.longValue)
                    + (key.type == CborItem.Type.TEXT ? key.text().hashCode() : 0);
        }
    }
}
