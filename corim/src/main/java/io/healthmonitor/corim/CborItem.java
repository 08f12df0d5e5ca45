package io.healthmonitor.corim;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One decoded CBOR data item. Unlike Jackson's tree it keeps what CoRIM needs: integer versus text
 * map keys, the whole tag chain (outermost first), exact byte strings and whether the item was
 * encoded with an indefinite length. Instances do not change once the decoder hands them out, so
 * the decoder may share one instance between positions.
 *
 * <p>The layout is kept small (one instance per decoded item): a float keeps its bits in
 * {@link #longValue}; a byte or text string is a view of the input, its offset and length packed
 * into {@link #longValue}, copied or decoded only when a rule reads it; the rare map with a
 * duplicate key is a subclass. An item lives only as long as one validation, so it never outlives
 * the input it views.
 */
class CborItem {

    enum Type { INT, BYTES, TEXT, ARRAY, MAP, FLOAT, TRUE, FALSE, NULL, UNDEFINED, SIMPLE }

    static final long[] NO_TAGS = new long[0];
    private static final CborItem[] NO_ITEMS = new CborItem[0];

    final Type type;
    final long[] tags;
    /** INT: the value; FLOAT: the bits; a string viewing the input: offset << 32 | length. */
    final long longValue;
    final BigInteger bigValue;
    /** A string's content: the input it views, or its own array for a chunked byte string. */
    private final byte[] content;
    /** A text string, decoded on first use when it views the input. Not thread-safe, as items need not be. */
    private String text;
    /** Array elements, or map entries as key0, value0, key1, value1 ... */
    final CborItem[] items;
    final boolean indefinite;

    private CborItem(Type type, long[] tags, long longValue, BigInteger bigValue,
            byte[] content, String text, CborItem[] items, boolean indefinite) {
        this.type = type;
        this.tags = tags;
        this.longValue = longValue;
        this.bigValue = bigValue;
        this.content = content;
        this.text = text;
        this.items = items;
        this.indefinite = indefinite;
    }

    /** A map in which a key occurs twice. */
    private static final class DuplicateKeyMap extends CborItem {
        private final CborItem duplicateKey;

        DuplicateKeyMap(long[] tags, CborItem[] entries, boolean indefinite, CborItem duplicateKey) {
            super(Type.MAP, tags, 0, null, null, null, entries, indefinite);
            this.duplicateKey = duplicateKey;
        }

        @Override
        CborItem duplicateKey() {
            return duplicateKey;
        }
    }

    /** The first key that occurred twice in this map (typed comparison), or null. */
    CborItem duplicateKey() {
        return null;
    }

    /** The value of a float item. */
    double doubleValue() {
        return type == Type.FLOAT ? Double.longBitsToDouble(longValue) : 0;
    }

    static CborItem ofInt(long[] tags, long value) {
        return new CborItem(Type.INT, tags, value, null, null, null, NO_ITEMS, false);
    }

    static CborItem ofBigInt(long[] tags, BigInteger value) {
        if (value.bitLength() < 64) {
            return ofInt(tags, value.longValue());
        }
        return new CborItem(Type.INT, tags, 0, value, null, null, NO_ITEMS, false);
    }

    /** A byte string viewing {@code length} bytes of {@code data} from {@code offset}, which must not change. */
    static CborItem ofBytes(long[] tags, byte[] data, int offset, int length, boolean indefinite) {
        return new CborItem(Type.BYTES, tags, view(offset, length), null, data, null, NO_ITEMS, indefinite);
    }

    /** A text string viewing valid UTF-8 in {@code data}, decoded when first read. */
    static CborItem ofText(long[] tags, byte[] data, int offset, int length, boolean indefinite) {
        return new CborItem(Type.TEXT, tags, view(offset, length), null, data, null, NO_ITEMS, indefinite);
    }

    /** A text string already decoded. */
    static CborItem ofText(long[] tags, String value, boolean indefinite) {
        return new CborItem(Type.TEXT, tags, 0, null, null, value, NO_ITEMS, indefinite);
    }

    private static long view(int offset, int length) {
        return ((long) offset << 32) | (length & 0xFFFF_FFFFL);
    }

    /** Where a byte string's content starts in {@link #data()}. */
    int offset() {
        return (int) (longValue >>> 32);
    }

    /** The length of a byte string. */
    int byteLength() {
        return (int) longValue;
    }

    /** The array a byte string views; with {@link #offset()} and {@link #byteLength()}. Never to be changed. */
    byte[] data() {
        return content;
    }

    /** A copy of a byte string's content. */
    byte[] bytes() {
        return Arrays.copyOfRange(content, offset(), offset() + byteLength());
    }

    /** A text string's value. */
    String text() {
        String t = text;
        if (t == null && type == Type.TEXT) {
            // Checked to be UTF-8 when decoded.
            t = new String(content, offset(), byteLength(), StandardCharsets.UTF_8);
            text = t;
        }
        return t;
    }

    static CborItem ofArray(long[] tags, CborItem[] elements, boolean indefinite) {
        return new CborItem(Type.ARRAY, tags, 0, null, null, null, elements, indefinite);
    }

    static CborItem ofMap(long[] tags, CborItem[] entries, boolean indefinite, CborItem duplicateKey) {
        return duplicateKey == null ? new CborItem(Type.MAP, tags, 0, null, null, null, entries, indefinite)
                : new DuplicateKeyMap(tags, entries, indefinite, duplicateKey);
    }

    static CborItem ofFloat(long[] tags, double value) {
        // Canonical bits: equal bits exactly when Double.compare says equal (NaN, -0.0 included).
        return new CborItem(Type.FLOAT, tags, Double.doubleToLongBits(value), null, null, null, NO_ITEMS, false);
    }

    static CborItem ofSimple(long[] tags, Type type, long value) {
        return new CborItem(type, tags, value, null, null, null, NO_ITEMS, false);
    }

    boolean isTagged() {
        return tags.length != 0;
    }

    /** True for an untagged item of this type. */
    boolean is(Type t) {
        return type == t && tags.length == 0;
    }

    /** True for an item of this type under exactly one tag, {@code tag}. */
    boolean isTagged(long tag, Type t) {
        return type == t && tags.length == 1 && tags[0] == tag;
    }

    /** True for an untagged text string. */
    boolean isText() {
        return type == Type.TEXT && tags.length == 0;
    }

    /** True for an untagged byte string. */
    boolean isBytes() {
        return type == Type.BYTES && tags.length == 0;
    }

    /** True for an untagged integer that fits in a Java long. */
    boolean isPlainInt() {
        return type == Type.INT && bigValue == null && tags.length == 0;
    }

    /** True for an untagged non-negative integer. */
    boolean isPlainUint() {
        return tags.length == 0 && isUint();
    }

    /** The innermost tag, or -1 when untagged. */
    long tag() {
        return tags.length == 0 ? -1 : tags[tags.length - 1];
    }

    boolean isInt() {
        return type == Type.INT;
    }

    /** True for an integer that fits in a Java long. */
    boolean isSmallInt() {
        return type == Type.INT && bigValue == null;
    }

    boolean isUint() {
        return type == Type.INT && (bigValue == null ? longValue >= 0 : bigValue.signum() >= 0);
    }

    int size() {
        return type == Type.MAP ? items.length / 2 : items.length;
    }

    CborItem key(int i) {
        return items[2 * i];
    }

    CborItem value(int i) {
        return items[2 * i + 1];
    }

    /** The value under an integer key of this map, or null. */
    CborItem get(long key) {
        for (int i = 0; i < items.length; i += 2) {
            CborItem k = items[i];
            if (k.type == Type.INT && k.bigValue == null && k.longValue == key) {
                return items[i + 1];
            }
        }
        return null;
    }

    /** Typed key equality: the integer 1 and the text "1" are different keys. */
    boolean sameKey(CborItem other) {
        if (this == other) {
            return true;
        }
        if (type != other.type || !Arrays.equals(tags, other.tags)) {
            return false;
        }
        if (type == Type.INT) {
            return longValue == other.longValue && Objects.equals(bigValue, other.bigValue);
        }
        return Objects.equals(text(), other.text());
    }

    /** Deep structural equality, used to compare domain identifiers. */
    boolean deepEquals(CborItem o) {
        if (this == o) {
            return true;
        }
        if (type != o.type || !Arrays.equals(tags, o.tags) || items.length != o.items.length) {
            return false;
        }
        boolean same = switch (type) {
            case BYTES -> Arrays.equals(content, offset(), offset() + byteLength(),
                    o.content, o.offset(), o.offset() + o.byteLength());
            case TEXT -> text().equals(o.text());
            default -> longValue == o.longValue && Objects.equals(bigValue, o.bigValue);
        };
        if (!same) {
            return false;
        }
        for (int i = 0; i < items.length; i++) {
            if (!items[i].deepEquals(o.items[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * A total order consistent with {@link #deepEquals} (and, for keys, with {@link #sameKey}).
     * Hash maps of items use it to keep colliding buckets ordered: hostile input can make many
     * items share a hash code, and without an order each lookup in such a bucket is linear.
     */
    static int compare(CborItem a, CborItem b) {
        if (a == b) {
            return 0;
        }
        int c = Integer.compare(a.type.ordinal(), b.type.ordinal());
        if (c == 0) {
            c = Arrays.compare(a.tags, b.tags);
        }
        if (c == 0 && a.type != Type.BYTES && a.type != Type.TEXT) {
            c = Long.compare(a.longValue, b.longValue);
        }
        if (c == 0 && a.bigValue != b.bigValue) {
            c = a.bigValue == null ? -1 : b.bigValue == null ? 1 : a.bigValue.compareTo(b.bigValue);
        }
        if (c == 0 && a.type == Type.BYTES) {
            c = Arrays.compare(a.content, a.offset(), a.offset() + a.byteLength(),
                    b.content, b.offset(), b.offset() + b.byteLength());
        }
        if (c == 0 && a.type == Type.TEXT) {
            c = a.text().compareTo(b.text());
        }
        if (c == 0) {
            c = Integer.compare(a.items.length, b.items.length);
        }
        for (int i = 0; c == 0 && i < a.items.length; i++) {
            c = compare(a.items[i], b.items[i]);
        }
        return c;
    }

    int deepHash() {
        int h = type.ordinal() * 31 + Arrays.hashCode(tags);
        switch (type) {
            case BYTES -> {
                for (int i = offset(), end = offset() + byteLength(); i < end; i++) {
                    h = h * 31 + content[i];
                }
            }
            case TEXT -> h = h * 31 + text().hashCode();
            default -> h = (h * 31 + Long.hashCode(longValue)) * 31 + Objects.hashCode(bigValue);
        }
        for (CborItem item : items) {
            h = h * 31 + item.deepHash();
        }
        return h;
    }

    /** A short human description of the item's kind for messages, such as "text" or "tag 37 bytes". */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (long t : tags) {
            sb.append("#6.").append(Long.toUnsignedString(t)).append(' ');
        }
        switch (type) {
            case INT -> sb.append(isUint() ? "unsigned integer" : "negative integer");
            case BYTES -> sb.append("byte string");
            case TEXT -> sb.append("text string");
            case ARRAY -> sb.append("array");
            case MAP -> sb.append("map");
            case FLOAT -> sb.append("float");
            case TRUE, FALSE -> sb.append("boolean");
            case NULL -> sb.append("null");
            case UNDEFINED -> sb.append("undefined");
            case SIMPLE -> sb.append("simple value");
            default -> throw new AssertionError(type);
        }
        return sb.toString();
    }

    /**
     * Key as it appears in a path or message: the number, or the text as {@link #printable(String)}
     * shows it.
     */
    String keyLabel() {
        if (type == Type.INT) {
            if (bigValue == null) {
                return Long.toString(longValue);
            }
            // Decimal conversion is superlinear: a bignum of a mebibyte would take minutes.
            return bigValue.bitLength() <= 256 ? bigValue.toString() : "a " + bigValue.bitLength() + "-bit integer";
        }
        return type == Type.TEXT ? printable(text()) : describe();
    }

    /** At most this many characters of a text key or value are quoted in a path or message. */
    static final int MAX_QUOTED_CHARS = 64;

    /**
     * Text from the document as a path or message may quote it: at most {@link #MAX_QUOTED_CHARS}
     * characters, then "…", with control, line-separator and bidirectional-formatting characters
     * written as a backslash, "u" and four hex digits. Every problem under a key repeats its label
     * in its path, so an unbounded label let a 1 MB CoRIM with one 700,000-character key produce
     * 70 MB of problems; control characters would reach a terminal through the command line.
     */
    static String printable(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && i < MAX_QUOTED_CHARS && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder sb = new StringBuilder(Math.min(n, MAX_QUOTED_CHARS) + 8).append(text, 0, i);
        for (int shown = i; i < n; i++, shown++) {
            if (shown == MAX_QUOTED_CHARS) {
                if (Character.isHighSurrogate(sb.charAt(sb.length() - 1))) {
                    sb.setLength(sb.length() - 1); // never half a character
                }
                return sb.append('…').toString();
            }
            char c = text.charAt(i);
            if (needsEscape(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Control, line-separator and bidirectional-formatting characters: never shown as they are. */
    static boolean needsEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u200e' || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
