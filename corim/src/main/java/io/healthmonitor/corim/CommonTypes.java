package io.healthmonitor.corim;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The common types of §7 that several rules use: identifiers (tag-id, corim-id), validity-map and
 * time, UUID, UEID and OID.
 */
final class CommonTypes {

    /** validity-map: {@code not-before}. */
    static final int NOT_BEFORE = 0;
    /** validity-map: {@code not-after}. */
    static final int NOT_AFTER = 1;
    /** {@code uuid-type = bytes .size 16}. */
    static final int UUID_BYTES = 16;
    /** {@code ueid-type = bytes .size (7..33)}. */
    static final int UEID_MIN_BYTES = 7;
    /** {@code ueid-type = bytes .size (7..33)}. */
    static final int UEID_MAX_BYTES = 33;

    /** {@code time = #6.1(number)}. */
    static final ValueType TIME = (v, t, p, rule) -> {
        if (!t.isTagged(CborTag.EPOCH_TIME, CborItem.Type.INT) && !t.isTagged(CborTag.EPOCH_TIME, CborItem.Type.FLOAT)) {
            v.mismatch(t, p, rule, "time (#6.1 number of seconds since the epoch)");
        } else if (epoch(t) == null) {
            v.report(Code.VALUE_OUT_OF_RANGE, p, rule, () -> "time value is outside the representable range");
        }
    };

    private static final MapShape VALIDITY = MapShape.closed(Rule.VALIDITY,
            Member.optional(NOT_BEFORE, "not-before", TIME),
            Member.required(NOT_AFTER, "not-after", TIME));

    /** Which validity a validity-map is, for its problem codes. */
    enum ValidityOf {
        RIM("rim-validity", Code.RIM_VALIDITY_EXPIRED, Code.RIM_VALIDITY_NOT_YET_VALID),
        SIGNATURE("signature-validity", Code.SIGNATURE_VALIDITY_EXPIRED, Code.SIGNATURE_VALIDITY_NOT_YET_VALID),
        TAG_LIST("tl-validity", Code.TL_VALIDITY_EXPIRED, Code.TL_VALIDITY_NOT_YET_VALID);

        private final String member;
        private final Code expired;
        private final Code notYetValid;

        ValidityOf(String member, Code expired, Code notYetValid) {
            this.member = member;
            this.expired = expired;
            this.notYetValid = notYetValid;
        }
    }

    private CommonTypes() {
    }

    /**
     * Checks a validity-map (§7.3), also against the evaluation time.
     *
     * @return the period, or null when it has no usable not-after
     */
    static CorimValidationResult.@Nullable Validity validity(Validation v, CborItem m, Path p, ValidityOf what) {
        VALIDITY.check(v, m, p);
        CorimValidationResult.Validity period = period(m);
        if (period == null) {
            return null;
        }
        Instant notBefore = period.notBefore();
        Instant notAfter = period.notAfter();
        if (notBefore != null && notBefore.isAfter(notAfter)) {
            v.report(Code.VALIDITY_INVERTED, p, Rule.VALIDITY,
                    () -> what.member + " not-before " + notBefore + " is after not-after " + notAfter);
        }
        if (v.now().isAfter(notAfter)) {
            v.report(what.expired, p.add("not-after"), Rule.VALIDITY,
                    () -> what.member + " ended at " + notAfter + ", before the evaluation time " + v.now());
        }
        if (notBefore != null && v.now().isBefore(notBefore)) {
            v.report(what.notYetValid, p.add("not-before"), Rule.VALIDITY,
                    () -> what.member + " starts at " + notBefore + ", after the evaluation time " + v.now());
        }
        return period;
    }

    /** The period a validity-map states, without reporting anything; null when it has no usable not-after. */
    static CorimValidationResult.@Nullable Validity period(@Nullable CborItem m) {
        if (m == null || !m.is(CborItem.Type.MAP)) {
            return null;
        }
        Instant notAfter = instant(m.get(NOT_AFTER));
        return notAfter == null ? null : new CorimValidationResult.Validity(instant(m.get(NOT_BEFORE)), notAfter);
    }

    /** The instant of a well-formed {@code time}, or null (absent, wrong type, out of range). */
    static @Nullable Instant instant(@Nullable CborItem t) {
        if (t == null || t.tags.length != 1 || t.tags[0] != CborTag.EPOCH_TIME) {
            return null;
        }
        return epoch(t);
    }

    /** Seconds since the epoch, integer or float, whatever the tags; null when out of range. */
    static @Nullable Instant epoch(CborItem t) {
        try {
            if (t.type == CborItem.Type.FLOAT) {
                double seconds = t.doubleValue();
                if (!Double.isFinite(seconds)) {
                    return null;
                }
                double floor = Math.floor(seconds);
                return Instant.ofEpochSecond((long) floor, (long) ((seconds - floor) * 1e9));
            }
            if (t.type != CborItem.Type.INT || t.bigValue != null) {
                return null;
            }
            return Instant.ofEpochSecond(t.longValue);
        } catch (RuntimeException e) {
            return null; // beyond Instant's range
        }
    }

    /**
     * Checks a {@code $tag-id-type-choice} or {@code $corim-id-type-choice}: text, or a 16-byte
     * uuid-type, or a tagged value the selected extension allows.
     *
     * @param rule the rule whose type choice it is
     */
    static void identifier(Validation v, CborItem t, Path p, Rule rule) {
        if (t.isText() || v.extensionTagged(t)) {
            return;
        }
        if (t.isBytes()) {
            uuidSize(v, t, p);
        } else {
            v.mismatch(t, p, rule, "text or uuid-type (16-byte byte string)");
        }
    }

    /** The text form of an identifier: the text, a UUID's canonical form, or hex; null when unusable. */
    static @Nullable String identifierText(Validation v, @Nullable CborItem t) {
        if (t == null) {
            return null;
        }
        if (t.isText()) {
            return t.text();
        }
        if (t.isBytes()) {
            if (t.byteLength() != UUID_BYTES) {
                return HexFormat.of().formatHex(t.bytes());
            }
            ByteBuffer b = ByteBuffer.wrap(t.data(), t.offset(), UUID_BYTES);
            return new java.util.UUID(b.getLong(), b.getLong()).toString();
        }
        return v.extensionTagged(t) ? t.describe() : null;
    }

    /** {@code uuid-type = bytes .size 16} (§7.4), for a byte string whatever its tag. */
    static void uuidSize(Validation v, CborItem u, Path p) {
        if (u.byteLength() != UUID_BYTES) {
            v.report(Code.VALUE_SIZE, p, Rule.UUID, () -> "uuid-type must be 16 bytes, found " + u.byteLength());
        }
    }

    /** {@code ueid-type = bytes .size (7..33)} (§7.5), for a byte string whatever its tag. */
    static void ueidSize(Validation v, CborItem u, Path p) {
        if (u.byteLength() < UEID_MIN_BYTES || u.byteLength() > UEID_MAX_BYTES) {
            v.report(Code.VALUE_SIZE, p, Rule.UEID, () -> "ueid-type must be 7 to 33 bytes, found " + u.byteLength());
        }
    }

    /** {@code oid-type} (§7.6): the content octets of a BER object identifier. */
    static void oid(Validation v, CborItem o, Path p, String what) {
        if (Oid.toDotted(o.bytes()) == null) {
            v.report(Code.VALUE_INVALID, p, Rule.OID, () -> what + " is not a valid BER-encoded object identifier");
        }
    }
}
