package io.healthmonitor.corim;

import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/** BER-encoded object identifiers ({@code oid-type}, §7.6) in dotted form. */
final class Oid {

    /** Longer dotted forms are refused: no registered OID comes close. */
    private static final int MAX_DOTTED_LENGTH = 1024;
    private static final BigInteger FORTY = BigInteger.valueOf(40);
    private static final BigInteger EIGHTY = BigInteger.valueOf(80);
    private static final int CONTINUATION = 0x80;
    private static final int VALUE_BITS = 0x7F;

    private Oid() {
    }

    /** Decodes the content octets of a BER object identifier, or returns null when they are malformed. */
    static @Nullable String toDotted(byte[] b) {
        if (b.length == 0 || (b[b.length - 1] & CONTINUATION) != 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        BigInteger v = BigInteger.ZERO;
        boolean first = true;
        boolean fresh = true;
        for (byte x : b) {
            if (fresh && (x & 0xFF) == CONTINUATION) {
                return null; // a leading 0x80 pads the arc: not the minimal encoding BER requires
            }
            v = v.shiftLeft(7).or(BigInteger.valueOf(x & VALUE_BITS));
            fresh = false;
            if ((x & CONTINUATION) == 0) {
                if (first) {
                    int arc = v.compareTo(EIGHTY) >= 0 ? 2 : v.intValue() / 40;
                    sb.append(arc).append('.').append(v.subtract(FORTY.multiply(BigInteger.valueOf(arc))));
                    first = false;
                } else {
                    sb.append('.').append(v);
                }
                v = BigInteger.ZERO;
                fresh = true;
            }
            if (sb.length() > MAX_DOTTED_LENGTH) {
                return null;
            }
        }
        return sb.toString();
    }
}
