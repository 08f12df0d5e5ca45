package io.healthmonitor.corim;

import io.healthmonitor.corim.CorimExtension.ExtensionPoint;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Who signed a CoRIM and for how long: corim-meta (§4.2.3) with its signer map (§4.2.3.1), and
 * the CWT claims (§4.2.2, RFC 9597) of the protected header, which must agree where both speak.
 */
final class CorimMetaRules {

    /** corim-meta-map: {@code signer}. */
    static final int SIGNER = 0;
    /** corim-meta-map: {@code signature-validity}. */
    static final int SIGNATURE_VALIDITY = 1;
    /** corim-signer-map: {@code signer-name}. */
    static final int SIGNER_NAME = 0;
    /** corim-signer-map: {@code signer-uri}. */
    static final int SIGNER_URI = 1;
    /** cwt-claims: {@code iss}. */
    static final int ISS = 1;
    /** cwt-claims: {@code sub}. */
    static final int SUB = 2;
    /** cwt-claims: {@code exp}. */
    static final int EXP = 4;
    /** cwt-claims: {@code nbf}. */
    static final int NBF = 5;
    /** How deep corim-meta's content sits: COSE_Sign1, protected header, corim-meta. */
    private static final int META_CONTENT_DEPTH = 3;

    private static final MapShape SIGNER_MAP = MapShape.extensible(Rule.SIGNER, ExtensionPoint.SIGNER,
            Member.required(SIGNER_NAME, "signer-name", (v, name, p, rule) -> {
                if (!name.isText()) {
                    v.mismatch(name, p, Rule.SIGNER, "text ($entity-name-type-choice)");
                }
            }),
            Member.optional(SIGNER_URI, "signer-uri", ValueType.URI));

    private static final MapShape META = MapShape.closed(Rule.META,
            Member.required(SIGNER, "signer", (v, m, p, rule) -> SIGNER_MAP.check(v, m, p)),
            Member.optional(SIGNATURE_VALIDITY, "signature-validity",
                    (v, m, p, rule) -> CommonTypes.validity(v, m, p, CommonTypes.ValidityOf.SIGNATURE)));

    /** {@code int / float}: a CWT NumericDate. */
    private static final ValueType NUMERIC_DATE = (v, t, p, rule) -> {
        if (!t.is(CborItem.Type.INT) && !t.is(CborItem.Type.FLOAT)) {
            v.mismatch(t, p, rule, "int or float (NumericDate)");
        } else if (CommonTypes.epoch(t) == null) {
            v.report(Code.VALUE_OUT_OF_RANGE, p, rule, () -> "time value is outside the representable range");
        }
    };

    private static final MapShape CWT = MapShape.open(Rule.CWT_CLAIMS, MapShape.Others.INT_KEYS,
            Member.required(ISS, "iss", ValueType.TEXT),
            Member.optional(SUB, "sub", ValueType.TEXT),
            Member.optional(EXP, "exp", NUMERIC_DATE),
            Member.optional(NBF, "nbf", NUMERIC_DATE));

    /** What corim-meta says of the signer, for comparison with the CWT claims. */
    private record Meta(@Nullable String signerName, CorimValidationResult.@Nullable Validity validity) {
    }

    private CorimMetaRules() {
    }

    /** Checks corim-meta and CWT-Claims of a protected header map; records the signature validity. */
    static void check(Validation v, CborItem headers, Path p) {
        Meta meta = null;
        CborItem metaBytes = headers.get(CoseHeaderRules.CORIM_META);
        if (metaBytes != null) {
            Path mp = p.add("corim-meta");
            if (!metaBytes.isBytes()) {
                v.mismatch(metaBytes, mp, Rule.META, "bstr .cbor corim-meta-map");
            } else {
                meta = meta(v, v.embedded(metaBytes, mp, Rule.META, META_CONTENT_DEPTH), mp);
            }
        }
        if (meta != null) {
            v.summary().signatureValidity(meta.validity());
        }
        CborItem cwt = headers.get(CoseHeaderRules.CWT_CLAIMS);
        if (cwt != null) {
            cwtClaims(v, cwt, p.add("CWT-Claims"), meta);
        }
    }

    private static @Nullable Meta meta(Validation v, @Nullable CborItem m, Path p) {
        if (m == null || !META.check(v, m, p) && !m.is(CborItem.Type.MAP)) {
            return null;
        }
        CborItem signer = m.get(SIGNER);
        CborItem name = signer == null || !signer.is(CborItem.Type.MAP) ? null : signer.get(SIGNER_NAME);
        return new Meta(name != null && name.isText() ? name.text() : null, CommonTypes.period(m.get(SIGNATURE_VALIDITY)));
    }

    private static void cwtClaims(Validation v, CborItem c, Path p, @Nullable Meta meta) {
        if (!CWT.check(v, c, p) && !c.is(CborItem.Type.MAP)) {
            return;
        }
        CborItem iss = c.get(ISS);
        Instant exp = numericDate(c.get(EXP));
        Instant nbf = numericDate(c.get(NBF));
        if (exp != null && v.now().isAfter(exp)) {
            v.report(Code.CWT_EXPIRED, p.add("exp"), Rule.CWT_CLAIMS, () -> "CWT exp " + exp + " is before the evaluation time " + v.now());
        }
        if (nbf != null && v.now().isBefore(nbf)) {
            v.report(Code.CWT_NOT_YET_VALID, p.add("nbf"), Rule.CWT_CLAIMS, () -> "CWT nbf " + nbf + " is after the evaluation time " + v.now());
        }
        if (meta == null) {
            if (exp != null) {
                v.summary().signatureValidity(new CorimValidationResult.Validity(nbf, exp));
            }
            return;
        }
        if (iss != null && iss.isText() && meta.signerName() != null && !iss.text().equals(meta.signerName())) {
            v.report(Code.COSE_META_CWT_INCONSISTENT, p.add("iss"), Rule.PROTECTED_HEADER, () -> "CWT iss \""
                    + CborItem.printable(iss.text()) + "\" differs from corim-meta signer-name \""
                    + CborItem.printable(meta.signerName()) + "\"");
        }
        CorimValidationResult.Validity validity = meta.validity();
        if (validity != null && exp != null && !exp.equals(validity.notAfter())) {
            v.report(Code.COSE_META_CWT_INCONSISTENT, p.add("exp"), Rule.PROTECTED_HEADER, () -> "CWT exp " + exp
                    + " differs from corim-meta signature-validity not-after " + validity.notAfter());
        }
        if (validity != null && nbf != null && validity.notBefore() != null && !nbf.equals(validity.notBefore())) {
            v.report(Code.COSE_META_CWT_INCONSISTENT, p.add("nbf"), Rule.PROTECTED_HEADER, () -> "CWT nbf " + nbf
                    + " differs from corim-meta signature-validity not-before " + validity.notBefore());
        }
    }

    private static @Nullable Instant numericDate(@Nullable CborItem t) {
        return t == null || t.isTagged() ? null : CommonTypes.epoch(t);
    }
}
