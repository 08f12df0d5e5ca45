package io.healthmonitor.corim;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds test vectors with Jackson's CBOR generator from plain Java values. */
final class Cbor {

    /** A tagged value. */
    record Tag(long tag, Object value) {
    }

    private static final CBORFactory FACTORY = new CBORFactory();

    private Cbor() {
    }

    static Tag tag(long tag, Object value) {
        return new Tag(tag, value);
    }

    /** An ordered map from alternating keys and values. */
    static Map<Object, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... items) {
        return java.util.Arrays.asList(items);
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(CBORGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Tag t) {
            g.writeTag((int) t.tag());
            write(g, t.value());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getKey() instanceof Number n) {
                    g.writeFieldId(n.longValue());
                } else {
                    g.writeFieldName((String) e.getKey());
                }
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray(l, l.size());
            for (Object o : l) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof byte[] b) {
            g.writeBinary(b);
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof java.math.BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else {
            throw new IllegalArgumentException("unsupported " + v.getClass());
        }
    }
}
