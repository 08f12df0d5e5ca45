package io.healthmonitor.corim;

import io.healthmonitor.corim.CorimExtension.ExtensionPoint;
import java.math.BigInteger;

/**
 * {@code measurement-values-map} (§5.1.4.5.2) and its members: version (§5.1.4.5.3), svn
 * (§5.1.4.5.4), flags (§5.1.4.5.5), raw values (§5.1.4.5.6), addresses (§5.1.4.5.7), digests,
 * crypto keys, integrity registers (§5.1.4.7) and int-range (§5.1.4.8).
 */
final class MeasurementValueRules {

    static final int VERSION = 0;
    static final int SVN = 1;
    static final int DIGESTS = 2;
    static final int FLAGS = 3;
    static final int RAW_VALUE = 4;
    static final int RAW_VALUE_MASK = 5;
    static final int MAC_ADDR = 6;
    static final int IP_ADDR = 7;
    static final int SERIAL_NUMBER = 8;
    static final int UEID = 9;
    static final int UUID = 10;
    static final int NAME = 11;
    static final int CRYPTOKEYS = 13;
    static final int INTEGRITY_REGISTERS = 14;
    static final int INT_RANGE = 15;

    /** version-map: {@code version}. */
    static final int VERSION_VERSION = 0;
    /** version-map: {@code version-scheme}. */
    static final int VERSION_SCHEME = 1;
    /** tagged-masked-raw-value: [value, mask]. */
    static final int MASKED_VALUE = 0;
    static final int MASK = 1;
    /** int-range: [min, max]. */
    static final int RANGE_MIN = 0;
    static final int RANGE_MAX = 1;

    /** flags-map keys, each a bool. */
    static final int IS_CONFIGURED = 0;
    static final int IS_SECURE = 1;
    static final int IS_RECOVERY = 2;
    static final int IS_DEBUG = 3;
    static final int IS_REPLAY_PROTECTED = 4;
    static final int IS_INTEGRITY_PROTECTED = 5;
    static final int IS_RUNTIME_MEAS = 6;
    static final int IS_IMMUTABLE = 7;
    static final int IS_TCB = 8;
    static final int IS_CONFIDENTIALITY_PROTECTED = 9;
    static final int IS_RUNTIME_UPDATABLE = 10;

    private static final MapShape VERSION_MAP = MapShape.closed(Rule.VERSION,
            Member.required(VERSION_VERSION, "version", ValueType.TEXT),
            Member.optional(VERSION_SCHEME, "version-scheme",
                    ValueType.plain("int or text ($version-scheme, RFC 9393)", s -> s.isPlainInt() || s.isText())));

    private static final MapShape FLAGS_MAP = MapShape.extensible(Rule.FLAGS, ExtensionPoint.FLAGS,
            Member.optional(IS_CONFIGURED, "is-configured", ValueType.BOOL),
            Member.optional(IS_SECURE, "is-secure", ValueType.BOOL),
            Member.optional(IS_RECOVERY, "is-recovery", ValueType.BOOL),
            Member.optional(IS_DEBUG, "is-debug", ValueType.BOOL),
            Member.optional(IS_REPLAY_PROTECTED, "is-replay-protected", ValueType.BOOL),
            Member.optional(IS_INTEGRITY_PROTECTED, "is-integrity-protected", ValueType.BOOL),
            Member.optional(IS_RUNTIME_MEAS, "is-runtime-meas", ValueType.BOOL),
            Member.optional(IS_IMMUTABLE, "is-immutable", ValueType.BOOL),
            Member.optional(IS_TCB, "is-tcb", ValueType.BOOL),
            Member.optional(IS_CONFIDENTIALITY_PROTECTED, "is-confidentiality-protected", ValueType.BOOL),
            Member.optional(IS_RUNTIME_UPDATABLE, "is-runtime-updatable", ValueType.BOOL)).nonEmpty();

    private static final MapShape MVAL = MapShape.extensible(Rule.MVAL, ExtensionPoint.MEASUREMENT_VALUES,
            Member.optional(VERSION, "version", (v, m, p, rule) -> VERSION_MAP.check(v, m, p)),
            Member.optional(SVN, "svn", new ValueType() {
                @Override
                public void check(Validation v, CborItem s, Path p, Rule rule) {
                    if (!accepts(s)) {
                        v.mismatch(s, p, Rule.SVN, "uint, #6.552 svn or #6.553 min-svn");
                    }
                }

                @Override
                public boolean accepts(CborItem s) {
                    return s.isUint() && (!s.isTagged()
                            || s.tags.length == 1 && (s.tags[0] == CborTag.SVN || s.tags[0] == CborTag.MIN_SVN));
                }
            }),
            Member.optional(DIGESTS, "digests", Digests.LIST),
            Member.optional(FLAGS, "flags", (v, m, p, rule) -> FLAGS_MAP.check(v, m, p)),
            Member.optional(RAW_VALUE, "raw-value", MeasurementValueRules::rawValue),
            Member.optional(RAW_VALUE_MASK, "raw-value-mask-DEPRECATED", (v, mask, p, rule) -> {
                if (!mask.isBytes()) {
                    v.mismatch(mask, p, Rule.RAW_VALUE, "byte string (raw-value-mask-type)");
                }
            }),
            Member.optional(MAC_ADDR, "mac-addr", address("mac-addr", 6, 8)),
            Member.optional(IP_ADDR, "ip-addr", address("ip-addr", 4, 16)),
            Member.optional(SERIAL_NUMBER, "serial-number", ValueType.TEXT),
            Member.optional(UEID, "ueid", (v, u, p, rule) -> {
                if (!u.isBytes()) {
                    v.mismatch(u, p, Rule.UEID, "byte string (ueid-type)");
                } else {
                    CommonTypes.ueidSize(v, u, p);
                }
            }),
            Member.optional(UUID, "uuid", (v, u, p, rule) -> {
                if (!u.isBytes()) {
                    v.mismatch(u, p, Rule.UUID, "byte string (uuid-type)");
                } else {
                    CommonTypes.uuidSize(v, u, p);
                }
            }),
            Member.optional(NAME, "name", ValueType.TEXT),
            Member.optional(CRYPTOKEYS, "cryptokeys", CryptoKeyRules.KEYS),
            Member.optional(INTEGRITY_REGISTERS, "integrity-registers", MeasurementValueRules::integrityRegisters),
            Member.optional(INT_RANGE, "int-range", MeasurementValueRules::intRange)).nonEmpty();

    /** A measurement-values-map as a value. */
    static final ValueType TYPE = (v, m, p, rule) -> {
        MVAL.check(v, m, p);
        if (m.is(CborItem.Type.MAP) && m.get(RAW_VALUE_MASK) != null && m.get(RAW_VALUE) == null) {
            v.report(Code.MVAL_MASK_WITHOUT_RAW_VALUE, p.add("raw-value-mask-DEPRECATED"), Rule.RAW_VALUE,
                    () -> "raw-value-mask-DEPRECATED is only allowed together with raw-value");
        }
    };

    private MeasurementValueRules() {
    }

    /** {@code $raw-value-type-choice}: #6.560 bytes, or #6.563 [value, mask] of equal lengths. */
    private static void rawValue(Validation v, CborItem r, Path p, Rule rule) {
        if (r.isTagged(CborTag.BYTES, CborItem.Type.BYTES)) {
            return;
        }
        if (!r.isTagged(CborTag.MASKED_RAW_VALUE, CborItem.Type.ARRAY)) {
            if (!v.extensionTagged(r)) {
                v.mismatch(r, p, Rule.RAW_VALUE, "#6.560 bytes or #6.563 masked raw value");
            }
            return;
        }
        if (r.items.length != 2 || !r.items[MASKED_VALUE].isBytes() || !r.items[MASK].isBytes()) {
            v.report(Code.TYPE_MISMATCH, p, Rule.RAW_VALUE, () -> "tagged-masked-raw-value must be #6.563([value: bytes, mask: bytes])");
        } else if (r.items[MASKED_VALUE].byteLength() != r.items[MASK].byteLength()) {
            v.report(Code.RAW_VALUE_MASK_LENGTH, p, Rule.RAW_VALUE, () -> "masked raw value and mask differ in length ("
                    + r.items[MASKED_VALUE].byteLength() + " and " + r.items[MASK].byteLength() + " bytes)");
        }
    }

    /** An address of one of two lengths: {@code bytes .size a / bytes .size b}. */
    private static ValueType address(String what, int a, int b) {
        return (v, addr, p, rule) -> {
            if (!addr.isBytes()) {
                v.mismatch(addr, p, Rule.ADDRESS, "byte string");
            } else if (addr.byteLength() != a && addr.byteLength() != b) {
                v.report(Code.VALUE_SIZE, p, Rule.ADDRESS, () -> what + " must be " + a + " or " + b
                        + " bytes, found " + addr.byteLength());
            }
        };
    }

    /** {@code integrity-registers = { + (uint / text) => digests-type }} (§5.1.4.7). */
    private static void integrityRegisters(Validation v, CborItem m, Path p, Rule rule) {
        if (!v.map(m, p, Rule.INTEGRITY_REGISTERS)) {
            return;
        }
        if (m.size() == 0) {
            v.report(Code.MAP_EMPTY, p, Rule.INTEGRITY_REGISTERS, () -> "integrity-registers must have at least one register");
        }
        for (int i = 0; i < m.size(); i++) {
            CborItem key = m.key(i);
            Path kp = p.add(key.keyLabel());
            if (key.type == CborItem.Type.INT && !key.isUint()) {
                v.report(Code.TYPE_MISMATCH, kp, Rule.INTEGRITY_REGISTERS, () -> "register id must be uint or text, found negative integer");
            }
            Digests.list(v, m.value(i), kp);
        }
    }

    /** {@code int-range-type-choice = int / #6.564([min: int / null, max: int / null])} (§5.1.4.8). */
    private static void intRange(Validation v, CborItem r, Path p, Rule rule) {
        if (r.is(CborItem.Type.INT)) {
            return;
        }
        if (!r.isTagged(CborTag.INT_RANGE, CborItem.Type.ARRAY) || r.items.length != 2) {
            v.mismatch(r, p, Rule.INT_RANGE, "int or #6.564([min: int / null, max: int / null])");
            return;
        }
        CborItem min = r.items[RANGE_MIN];
        CborItem max = r.items[RANGE_MAX];
        boolean minOk = min.is(CborItem.Type.INT) || min.is(CborItem.Type.NULL);
        boolean maxOk = max.is(CborItem.Type.INT) || max.is(CborItem.Type.NULL);
        if (!minOk) {
            v.mismatch(min, p.add(RANGE_MIN), Rule.INT_RANGE, "int or null (negative infinity)");
        }
        if (!maxOk) {
            v.mismatch(max, p.add(RANGE_MAX), Rule.INT_RANGE, "int or null (positive infinity)");
        }
        if (minOk && maxOk && min.type == CborItem.Type.INT && max.type == CborItem.Type.INT
                && big(min).compareTo(big(max)) > 0) {
            v.report(Code.INT_RANGE_MIN_GREATER_THAN_MAX, p, Rule.INT_RANGE,
                    () -> "int-range min " + min.keyLabel() + " is greater than max " + max.keyLabel());
        }
    }

    private static BigInteger big(CborItem i) {
        return i.bigValue != null ? i.bigValue : BigInteger.valueOf(i.longValue);
    }
}
