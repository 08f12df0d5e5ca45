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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the COSE_Sign1 signature of a signed CoRIM (§4.2, RFC 9052 §4.4) with the JDK alone:
 * with the configured keys (the one whose key id matches the {@code kid} header first), or with
 * the leaf of an x5chain (RFC 9360) that validates with PKIX to a configured trust anchor at the
 * evaluation time. Immutable and thread-safe.
 */
final class SignatureVerifier {

    /** What the problem message offers instead of an unsupported algorithm. */
    static final String SUPPORTED = "ES256 (-7), ES384 (-35), ES512 (-36), EdDSA (-8), PS256 (-37), PS384 (-38) or PS512 (-39)";

    /** The context string of a COSE_Sign1 Sig_structure. */
    private static final byte[] SIGNATURE1 = "Signature1".getBytes(StandardCharsets.US_ASCII);
    private static final int SIG_STRUCTURE_ARRAY_OF_4 = 0x84;
    private static final int MAJOR_BYTES = 2;
    private static final int MAJOR_TEXT = 3;

    /** A COSE signature algorithm as the JDK names it. */
    private record Algorithm(long id, String jca, @Nullable PSSParameterSpec pss, String name) {
    }

    private static final List<Algorithm> ALGORITHMS = List.of(
            new Algorithm(-7, "SHA256withECDSAinP1363Format", null, "ES256"),
            new Algorithm(-35, "SHA384withECDSAinP1363Format", null, "ES384"),
            new Algorithm(-36, "SHA512withECDSAinP1363Format", null, "ES512"),
            new Algorithm(-8, "EdDSA", null, "EdDSA"),
            new Algorithm(-37, "RSASSA-PSS", new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1), "PS256"),
            new Algorithm(-38, "RSASSA-PSS", new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1), "PS384"),
            new Algorithm(-39, "RSASSA-PSS", new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1), "PS512"));

    private final List<Keys.VerificationKey> keys;
    private final Set<TrustAnchor> anchors;

    SignatureVerifier(List<Keys.VerificationKey> keys, Set<TrustAnchor> anchors) {
        this.keys = List.copyOf(keys);
        this.anchors = Set.copyOf(anchors);
    }

    /** True for a COSE algorithm this verifier can check. */
    static boolean supports(long alg) {
        return algorithm(alg) != null;
    }

    private static @Nullable Algorithm algorithm(long alg) {
        for (Algorithm a : ALGORITHMS) {
            if (a.id() == alg) {
                return a;
            }
        }
        return null;
    }

    /**
     * Verifies a signature, reporting at {@code /signature} when no key verifies it.
     *
     * @param alg a supported algorithm
     * @param protectedBytes the protected header as encoded
     * @param headers the decoded protected header (for kid and x5chain), or null
     * @param unprotected the unprotected header
     */
    void verify(Validation v, long alg, byte[] protectedBytes, byte[] payload, byte[] signature,
            @Nullable CborItem headers, CborItem unprotected) {
        Algorithm algorithm = algorithm(alg);
        byte[] toBeSigned = sigStructure(protectedBytes, payload);
        Path p = Path.ROOT.add("signature");
        CborItem x5chain = header(headers, unprotected, CoseHeaderRules.X5CHAIN);
        List<PublicKey> candidates = new ArrayList<>();
        if (x5chain != null && !anchors.isEmpty()) {
            PublicKey leaf = chainKey(v, x5chain);
            if (leaf == null) {
                return;
            }
            candidates.add(leaf);
        } else {
            CborItem kid = header(headers, unprotected, CoseHeaderRules.KID);
            byte[] kidBytes = kid != null && kid.type == CborItem.Type.BYTES ? kid.bytes() : null;
            for (Keys.VerificationKey k : keys) {
                if (kidBytes != null && k.kid() != null && Arrays.equals(kidBytes, k.kid())) {
                    candidates.add(0, k.key());
                } else {
                    candidates.add(k.key());
                }
            }
        }
        if (candidates.isEmpty()) {
            v.report(Code.COSE_NO_VERIFICATION_KEY, p, Rule.SIGNATURE, () -> x5chain != null
                    ? "the CoRIM carries an x5chain but no trust anchor is configured, and no verification key is configured"
                    : "no verification key is configured, so the signature cannot be verified");
            return;
        }
        for (PublicKey key : candidates) {
            if (verifies(algorithm, key, toBeSigned, signature)) {
                return;
            }
        }
        v.report(Code.COSE_SIGNATURE_INVALID, p, Rule.SIGNATURE, () -> algorithm.name()
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

    /** A header parameter, from the protected bucket first (RFC 9052 §3). */
    private static @Nullable CborItem header(@Nullable CborItem protectedHeaders, CborItem unprotected, long label) {
        CborItem value = protectedHeaders == null || protectedHeaders.type != CborItem.Type.MAP ? null : protectedHeaders.get(label);
        if (value == null && unprotected.type == CborItem.Type.MAP) {
            value = unprotected.get(label);
        }
        return value;
    }

    /**
     * The leaf key of an x5chain that validates to a trust anchor, or null: when it does not
     * (reported here) or is not a COSE_X509 (reported by the header rules).
     */
    private @Nullable PublicKey chainKey(Validation v, CborItem x5chain) {
        Path p = Path.ROOT.add("x5chain");
        List<byte[]> ders = new ArrayList<>();
        if (x5chain.isBytes()) {
            ders.add(x5chain.bytes());
        } else if (x5chain.is(CborItem.Type.ARRAY) && x5chain.items.length > 0) {
            for (CborItem c : x5chain.items) {
                if (!c.isBytes()) {
                    return null;
                }
                ders.add(c.bytes());
            }
        } else {
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
            params.setDate(Date.from(v.now()));
            CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(certs), params);
            return certs.get(0).getPublicKey();
        } catch (GeneralSecurityException | RuntimeException e) {
            v.report(Code.COSE_X5CHAIN_UNTRUSTED, p, Rule.SIGNATURE,
                    () -> "the x5chain does not validate to a configured trust anchor at " + v.now() + ": " + e.getMessage());
            return null;
        }
    }

    /** {@code Sig_structure = ["Signature1", body_protected, external_aad = h'', payload]} (RFC 9052 §4.4). */
    static byte[] sigStructure(byte[] protectedBytes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + protectedBytes.length + 32);
        out.write(SIG_STRUCTURE_ARRAY_OF_4);
        head(out, MAJOR_TEXT, SIGNATURE1.length);
        out.write(SIGNATURE1, 0, SIGNATURE1.length);
        head(out, MAJOR_BYTES, protectedBytes.length);
        out.write(protectedBytes, 0, protectedBytes.length);
        head(out, MAJOR_BYTES, 0);
        head(out, MAJOR_BYTES, payload.length);
        out.write(payload, 0, payload.length);
        return out.toByteArray();
    }

    /** A CBOR head (RFC 8949 §3): major type and the shortest encoding of the argument. */
    private static void head(ByteArrayOutputStream out, int major, long argument) {
        int mt = major << 5;
        if (argument < 24) {
            out.write(mt | (int) argument);
        } else if (argument < 0x100) {
            out.write(mt | 24);
            out.write((int) argument);
        } else if (argument < 0x10000) {
            out.write(mt | 25);
            out.write((int) (argument >> 8));
            out.write((int) argument);
        } else {
            out.write(mt | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (argument >> shift));
            }
        }
    }
}
