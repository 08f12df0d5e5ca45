package io.healthmonitor.corim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** Checks a {@code #6.18} COSE_Sign1 signed CoRIM (§4.2): headers, signature, times, payload. */
final class SignedCorimChecker {

    static final String CONTENT_TYPE = "application/rim+cbor";

    private final CorimChecker checker;
    private final Report report;
    private final List<Keys.VerificationKey> keys;
    private final Set<TrustAnchor> anchors;
    private final Instant now;
    CorimValidationResult.Validity signatureValidity;
    private boolean hashEnvelope;

    SignedCorimChecker(CorimChecker checker, Report report, List<Keys.VerificationKey> keys,
            Set<TrustAnchor> anchors, Instant now) {
        this.checker = checker;
        this.report = report;
        this.keys = keys;
        this.anchors = anchors;
        this.now = now;
    }

    void check(CborItem sign1) {
        Path root = Path.ROOT;
        if (sign1.type != CborItem.Type.ARRAY || sign1.size() != 4) {
            checker.mismatch(sign1, root, Spec.SIGNED, "#6.18([protected, unprotected, payload, signature])");
            return;
        }
        CborItem prot = sign1.items[0];
        CborItem unprot = sign1.items[1];
        CborItem payload = sign1.items[2];
        CborItem sig = sign1.items[3];
        CborItem headers = null;
        if (!bstr(prot)) {
            checker.mismatch(prot, root.add("protected"), Spec.SIGNED, "bstr .cbor protected-corim-header-map");
        } else {
            headers = checker.embedded(prot.bytes, root.add("protected"), Spec.PROTECTED, 2);
        }
        if (checker.map(unprot, root.add("unprotected"), Spec.UNPROTECTED)) {
            coseLabels(unprot, root.add("unprotected"), Spec.UNPROTECTED);
        }
        long alg = Long.MIN_VALUE;
        if (headers != null && checker.map(headers, root.add("protected"), Spec.PROTECTED)) {
            alg = protectedHeaders(headers, root.add("protected"));
        }
        boolean payloadOk = false;
        if (payload.type == CborItem.Type.NULL && !payload.isTagged()) {
            report.add("cose.detached-payload-unsupported", root.add("payload"), Spec.SIGNED,
                    "detached payloads (nil) are unsupported: this validator verifies only CoRIMs that carry their payload");
        } else if (!bstr(payload)) {
            checker.mismatch(payload, root.add("payload"), Spec.SIGNED, "bstr .cbor tagged-unsigned-corim-map");
        } else {
            payloadOk = true;
        }
        if (!bstr(sig)) {
            checker.mismatch(sig, root.add("signature"), Spec.SIGNED, "bstr signature");
        } else if (payloadOk && prot.type == CborItem.Type.BYTES && alg != Long.MIN_VALUE) {
            verify(alg, prot.bytes, payload.bytes, sig.bytes, headers, unprot);
        }
        if (payloadOk && !hashEnvelope) {
            CborItem corim = checker.embedded(payload.bytes, root.add("payload"), Spec.SIGNED, 2);
            if (corim != null) {
                if (corim.tags.length == 1 && corim.tag() == 501) {
                    checker.checkCorimMap(corim, Path.ROOT);
                } else {
                    report.add("corim.untagged-payload", root.add("payload"), Spec.SIGNED,
                            "the payload must be a #6.501 tagged-unsigned-corim-map, found " + corim.describe()
                                    + " (untagged payloads are a pre-draft-07 format)");
                }
            }
        }
    }

    private static boolean bstr(CborItem i) {
        return i.type == CborItem.Type.BYTES && !i.isTagged();
    }

    /** Returns alg, or Long.MIN_VALUE when unusable. */
    private long protectedHeaders(CborItem h, Path p) {
        coseLabels(h, p, Spec.PROTECTED);
        long alg = Long.MIN_VALUE;
        CborItem a = h.get(1);
        if (a == null) {
            checker.missing(p, "alg", 1, Spec.PROTECTED);
        } else if (!a.isSmallInt() || a.isTagged()) {
            checker.mismatch(a, p.add("alg"), Spec.PROTECTED, "int (COSE algorithm)");
        } else if (algorithm(a.longValue) == null) {
            report.add("cose.alg-unsupported", p.add("alg"), Spec.PROTECTED, "COSE algorithm " + a.longValue
                    + " is not supported; use ES256 (-7), ES384 (-35), ES512 (-36), EdDSA (-8), PS256 (-37), PS384 (-38) or PS512 (-39)");
        } else {
            alg = a.longValue;
        }
        if (h.get(258) != null || h.get(259) != null) {
            hashEnvelope = true;
            report.add("cose.hash-envelope-unsupported", p.add("258"), Spec.PROTECTED,
                    "hash envelopes (RFC 9995 payload_hash_alg) are unsupported: the CoRIM itself must be the payload");
        } else {
            CborItem ct = h.get(3);
            if (ct == null) {
                report.add("cose.content-type-missing", p.add("content-type"), Spec.PROTECTED,
                        "the protected header must carry content-type \"" + CONTENT_TYPE + "\"");
            } else if (!CorimChecker.text(ct) || !CONTENT_TYPE.equals(ct.text)) {
                report.add("cose.content-type-mismatch", p.add("content-type"), Spec.PROTECTED,
                        "content-type must be \"" + CONTENT_TYPE + "\", found "
                                + (CorimChecker.text(ct) ? "\"" + ct.text + "\"" : ct.describe()));
            }
        }
        CborItem metaBytes = h.get(8);
        CborItem cwt = h.get(15);
        if (metaBytes == null && cwt == null) {
            report.add("cose.meta-missing", p, Spec.PROTECTED,
                    "the protected header must carry corim-meta (8), CWT-Claims (15) or both");
        }
        Object[] meta = null;
        if (metaBytes != null) {
            if (!bstr(metaBytes)) {
                checker.mismatch(metaBytes, p.add("corim-meta"), Spec.META, "bstr .cbor corim-meta-map");
            } else {
                CborItem m = checker.embedded(metaBytes.bytes, p.add("corim-meta"), Spec.META, 3);
                if (m != null) {
                    meta = checker.meta(m, p.add("corim-meta"));
                    if (meta != null) {
                        signatureValidity = (CorimValidationResult.Validity) meta[1];
                    }
                }
            }
        }
        if (cwt != null) {
            cwtClaims(cwt, p.add("CWT-Claims"), meta);
        }
        return alg;
    }

    private void coseLabels(CborItem m, Path p, Spec spec) {
        for (int i = 0; i < m.size(); i++) {
            CborItem k = m.key(i);
            if (k.bigValue != null) {
                report.add("type.mismatch", p.add(k.keyLabel()), spec, "cose-label must be an int or text of CBOR int range");
            }
        }
    }

    private void cwtClaims(CborItem c, Path p, Object[] meta) {
        if (!checker.map(c, p, Spec.CWT)) {
            return;
        }
        String iss = null;
        CborItem issItem = c.get(1);
        if (issItem == null) {
            checker.missing(p, "iss", 1, Spec.CWT);
        } else if (!CorimChecker.text(issItem)) {
            checker.mismatch(issItem, p.add("iss"), Spec.CWT, "text");
        } else {
            iss = issItem.text;
        }
        CborItem sub = c.get(2);
        if (sub != null && !CorimChecker.text(sub)) {
            checker.mismatch(sub, p.add("sub"), Spec.CWT, "text");
        }
        Instant exp = cwtTime(c.get(4), p.add("exp"));
        Instant nbf = cwtTime(c.get(5), p.add("nbf"));
        for (int i = 0; i < c.size(); i++) {
            if (c.key(i).type != CborItem.Type.INT) {
                report.add("member.unknown", p.add(c.key(i).keyLabel()), Spec.CWT, "CWT claim keys must be integers");
            }
        }
        if (exp != null && now.isAfter(exp)) {
            report.add("cwt.expired", p.add("exp"), Spec.CWT, "CWT exp " + exp + " is before the evaluation time " + now);
        }
        if (nbf != null && now.isBefore(nbf)) {
            report.add("cwt.not-yet-valid", p.add("nbf"), Spec.CWT, "CWT nbf " + nbf + " is after the evaluation time " + now);
        }
        if (meta != null) {
            String signer = (String) meta[0];
            if (iss != null && signer != null && !iss.equals(signer)) {
                report.add("cose.meta-cwt-inconsistent", p.add("iss"), Spec.PROTECTED, "CWT iss \"" + iss
                        + "\" differs from corim-meta signer-name \"" + signer + "\"");
            }
            CorimValidationResult.Validity v = (CorimValidationResult.Validity) meta[1];
            if (v != null && exp != null && !exp.equals(v.notAfter())) {
                report.add("cose.meta-cwt-inconsistent", p.add("exp"), Spec.PROTECTED, "CWT exp " + exp
                        + " differs from corim-meta signature-validity not-after " + v.notAfter());
            }
            if (v != null && nbf != null && v.notBefore() != null && !nbf.equals(v.notBefore())) {
                report.add("cose.meta-cwt-inconsistent", p.add("nbf"), Spec.PROTECTED, "CWT nbf " + nbf
                        + " differs from corim-meta signature-validity not-before " + v.notBefore());
            }
        } else if (exp != null) {
            signatureValidity = new CorimValidationResult.Validity(nbf, exp);
        }
    }

    private Instant cwtTime(CborItem t, Path p) {
        if (t == null) {
            return null;
        }
        if ((t.type != CborItem.Type.INT && t.type != CborItem.Type.FLOAT) || t.isTagged()) {
            checker.mismatch(t, p, Spec.CWT, "int or float (NumericDate)");
            return null;
        }
        return checker.epoch(t, p, Spec.CWT);
    }

    // ---------------------------------------------------------------- signature

    private record Algorithm(String jca, PSSParameterSpec pss, String name) {
    }

    private static Algorithm algorithm(long alg) {
        return switch ((int) Math.max(Math.min(alg, 1000), -1000)) {
            case -7 -> new Algorithm("SHA256withECDSAinP1363Format", null, "ES256");
            case -35 -> new Algorithm("SHA384withECDSAinP1363Format", null, "ES384");
            case -36 -> new Algorithm("SHA512withECDSAinP1363Format", null, "ES512");
            case -8 -> new Algorithm("EdDSA", null, "EdDSA");
            case -37 -> new Algorithm("RSASSA-PSS", new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1), "PS256");
            case -38 -> new Algorithm("RSASSA-PSS", new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1), "PS384");
            case -39 -> new Algorithm("RSASSA-PSS", new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1), "PS512");
            default -> null;
        };
    }

    private void verify(long algId, byte[] prot, byte[] payload, byte[] sig, CborItem headers, CborItem unprot) {
        Algorithm alg = algorithm(algId);
        byte[] toBeSigned = sigStructure(prot, payload);
        Path p = Path.ROOT.add("signature");
        CborItem x5 = header(headers, unprot, 33);
        List<PublicKey> candidates = new ArrayList<>();
        if (x5 != null && !anchors.isEmpty()) {
            PublicKey leaf = chainKey(x5);
            if (leaf == null) {
                return;
            }
            candidates.add(leaf);
        } else {
            CborItem kid = header(headers, unprot, 4);
            byte[] kidBytes = kid != null && kid.type == CborItem.Type.BYTES ? kid.bytes : null;
            for (Keys.VerificationKey k : keys) {
                if (kidBytes != null && k.kid() != null && Arrays.equals(kidBytes, k.kid())) {
                    candidates.add(0, k.key());
                } else {
                    candidates.add(k.key());
                }
            }
        }
        if (candidates.isEmpty()) {
            report.add("cose.no-verification-key", p, Spec.SIGNATURE, x5 != null
                    ? "the CoRIM carries an x5chain but no trust anchor is configured, and no verification key is configured"
                    : "no verification key is configured, so the signature cannot be verified");
            return;
        }
        for (PublicKey key : candidates) {
            if (verifies(alg, key, toBeSigned, sig)) {
                return;
            }
        }
        report.add("cose.signature-invalid", p, Spec.SIGNATURE, alg.name()
                + " signature does not verify with any configured key (" + candidates.size() + " tried)");
    }

    private static boolean verifies(Algorithm alg, PublicKey key, byte[] data, byte[] sig) {
        try {
            Signature s = Signature.getInstance(alg.jca());
            if (alg.pss() != null) {
                s.setParameter(alg.pss());
            }
            s.initVerify(key);
            s.update(data);
            return s.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static CborItem header(CborItem prot, CborItem unprot, long label) {
        CborItem v = prot == null || prot.type != CborItem.Type.MAP ? null : prot.get(label);
        if (v == null && unprot.type == CborItem.Type.MAP) {
            v = unprot.get(label);
        }
        return v;
    }

    private PublicKey chainKey(CborItem x5) {
        Path p = Path.ROOT.add("x5chain");
        List<byte[]> ders = new ArrayList<>();
        if (bstr(x5)) {
            ders.add(x5.bytes);
        } else if (x5.type == CborItem.Type.ARRAY && !x5.isTagged() && x5.size() > 0) {
            for (CborItem c : x5.items) {
                if (!bstr(c)) {
                    checker.mismatch(c, p, Spec.SIGNATURE, "bstr (DER certificate)");
                    return null;
                }
                ders.add(c.bytes);
            }
        } else {
            checker.mismatch(x5, p, Spec.SIGNATURE, "bstr or [+ bstr] (x5chain, RFC 9360)");
            return null;
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            for (byte[] der : ders) {
                certs.add(Keys.certificate(der));
            }
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(certs), params);
            return certs.get(0).getPublicKey();
        } catch (GeneralSecurityException | RuntimeException e) {
            report.add("cose.x5chain-untrusted", p, Spec.SIGNATURE,
                    "the x5chain does not validate to a configured trust anchor at " + now + ": " + e.getMessage());
            return null;
        }
    }

    /** Sig_structure = ["Signature1", body_protected, external_aad = h'', payload] (RFC 9052 §4.4). */
    static byte[] sigStructure(byte[] prot, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + prot.length + 32);
        out.write(0x84);
        byte[] ctx = "Signature1".getBytes(StandardCharsets.US_ASCII);
        head(out, 3, ctx.length);
        out.write(ctx, 0, ctx.length);
        head(out, 2, prot.length);
        out.write(prot, 0, prot.length);
        head(out, 2, 0);
        head(out, 2, payload.length);
        out.write(payload, 0, payload.length);
        return out.toByteArray();
    }

    private static void head(ByteArrayOutputStream out, int major, long len) {
        int mt = major << 5;
        if (len < 24) {
            out.write(mt | (int) len);
        } else if (len < 0x100) {
            out.write(mt | 24);
            out.write((int) len);
        } else if (len < 0x10000) {
            out.write(mt | 25);
            out.write((int) (len >> 8));
            out.write((int) len);
        } else {
            out.write(mt | 26);
            for (int s = 24; s >= 0; s -= 8) {
                out.write((int) (len >> s));
            }
        }
    }
}
