package io.healthmonitor.corim;

import static io.healthmonitor.corim.Cbor.encode;
import static io.healthmonitor.corim.Cbor.list;
import static io.healthmonitor.corim.Cbor.map;
import static io.healthmonitor.corim.Cbor.tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Signed CoRIMs built and signed in the test with JDK keys; certificates from BouncyCastle. */
class SignedCorimTest {

    static final Instant NOW = CorimRulesTest.NOW;
    static final byte[] PAYLOAD = encode(tag(501, CorimRulesTest.corim(CorimRulesTest.comid())));

    static Map<Object, Object> meta(long notAfter) {
        return map(0, map(0, "ACME signer", 1, tag(32, "https://acme.example")),
                1, map(0, tag(1, 1_600_000_000L), 1, tag(1, notAfter)));
    }

    static Map<Object, Object> headers(long alg) {
        return map(1, alg, 3, "application/rim+cbor", 8, encode(meta(1_800_000_000L)));
    }

    static byte[] sign(Map<Object, Object> protectedHeaders, Map<Object, Object> unprotected, byte[] payload,
            PrivateKey key, String jca, PSSParameterSpec pss) throws Exception {
        byte[] prot = encode(protectedHeaders);
        Signature s = Signature.getInstance(jca);
        if (pss != null) {
            s.setParameter(pss);
        }
        s.initSign(key);
        s.update(SignatureVerifier.sigStructure(prot, payload));
        return encode(tag(18, list(prot, unprotected, payload, s.sign())));
    }

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    static CorimValidator validatorFor(KeyPair kp) {
        return CorimValidator.builder().clock(InstantSource.fixed(NOW)).verificationKey(kp.getPublic()).build();
    }

    @Test
    void verifiesEs256Es384Es512() throws Exception {
        Object[][] cases = {{"secp256r1", -7L, "SHA256withECDSAinP1363Format"},
            {"secp384r1", -35L, "SHA384withECDSAinP1363Format"}, {"secp521r1", -36L, "SHA512withECDSAinP1363Format"}};
        for (Object[] c : cases) {
            KeyPair kp = ec((String) c[0]);
            byte[] signed = sign(headers((Long) c[1]), map(), PAYLOAD, kp.getPrivate(), (String) c[2], null);
            CorimValidationResult r = validatorFor(kp).validate(signed);
            assertThat(r.problems()).as((String) c[0]).isEmpty();
            assertThat(r.kind()).isEqualTo(CorimValidationResult.Kind.SIGNED_CORIM);
            assertThat(r.signatureValidity().notAfter()).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
        }
    }

    @Test
    void verifiesEdDsaAndPs256() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThat(validatorFor(ed).validate(sign(headers(-8), map(), PAYLOAD, ed.getPrivate(), "Ed25519", null))
                .problems()).isEmpty();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair kp = rsa.generateKeyPair();
        PSSParameterSpec pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
        assertThat(validatorFor(kp).validate(sign(headers(-37), map(), PAYLOAD, kp.getPrivate(), "RSASSA-PSS", pss))
                .problems()).isEmpty();
    }

    @Test
    void reportsSignatureByAnotherKey() throws Exception {
        KeyPair signer = ec("secp256r1");
        byte[] signed = sign(headers(-7), map(), PAYLOAD, signer.getPrivate(), "SHA256withECDSAinP1363Format", null);
        CorimValidationResult r = validatorFor(ec("secp256r1")).validate(signed);
        assertThat(r.problems()).extracting(CorimProblem::code).containsExactly("cose.signature-invalid");
        assertThat(r.problems().get(0).path()).isEqualTo("/signature");
    }

    @Test
    void readsKeysFromPemAndJwk() throws Exception {
        KeyPair kp = ec("secp256r1");
        byte[] signed = sign(headers(-7), map(4, "k1".getBytes()), PAYLOAD, kp.getPrivate(),
                "SHA256withECDSAinP1363Format", null);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(kp.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        java.security.interfaces.ECPublicKey pub = (java.security.interfaces.ECPublicKey) kp.getPublic();
        String jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\",\"x\":\"" + b64(pub.getW().getAffineX())
                + "\",\"y\":\"" + b64(pub.getW().getAffineY()) + "\"}";
        InstantSource clock = InstantSource.fixed(NOW);
        assertThat(CorimValidator.builder().clock(clock).verificationKeyPem(pem).build().validate(signed).problems()).isEmpty();
        assertThat(CorimValidator.builder().clock(clock).verificationKeyJwk(jwk).build().validate(signed).problems()).isEmpty();
    }

    @Test
    void aMalformedJwkNeverEchoesItsMembers() {
        // A private JWK is accepted (its private members are ignored); one whose quotes a template
        // lost was refused with Jackson's "Unrecognized token '<the private scalar>'", in the
        // message and in the chained cause, which the CLI printed and a start-up log would show.
        String scalar = "c2VjcmV0LXByaXZhdGUtc2NhbGFyLW9mLXRoZS1rZXk";
        String jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"d\":" + scalar + ",\"x\":\"AA\",\"y\":\"AA\"}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CorimValidator.builder().verificationKeyJwk(jwk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed JWK")
                .hasMessageContaining("line 1, column")
                .hasMessageNotContaining(scalar.substring(0, 12))
                .hasNoCause();
    }

    private static String b64(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] fixed = new byte[32];
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, fixed, 32 - n, n);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    @Test
    void checksSignatureValidityAgainstTheClock() throws Exception {
        KeyPair kp = ec("secp256r1");
        Map<Object, Object> h = map(1, -7L, 3, "application/rim+cbor", 8, encode(meta(1_700_000_000L)));
        byte[] signed = sign(h, map(), PAYLOAD, kp.getPrivate(), "SHA256withECDSAinP1363Format", null);
        CorimValidationResult r = validatorFor(kp).validate(signed);
        assertThat(r.problems()).extracting(CorimProblem::code).containsExactly("signature-validity.expired");
        assertThat(r.problems().get(0).path()).isEqualTo("/protected/corim-meta/signature-validity/not-after");
    }

    @Test
    void checksCwtClaimsTimesAndConsistencyWithMeta() throws Exception {
        KeyPair kp = ec("secp256r1");
        Map<Object, Object> onlyCwt = map(1, -7L, 3, "application/rim+cbor", 15, map(1, "ACME signer", 4, 1_800_000_000L));
        assertThat(validatorFor(kp).validate(sign(onlyCwt, map(), PAYLOAD, kp.getPrivate(),
                "SHA256withECDSAinP1363Format", null)).problems()).isEmpty();
        Map<Object, Object> notYet = map(1, -7L, 3, "application/rim+cbor", 15, map(1, "x", 5, 1_790_000_000L));
        assertThat(validatorFor(kp).validate(sign(notYet, map(), PAYLOAD, kp.getPrivate(),
                "SHA256withECDSAinP1363Format", null)).problems()).extracting(CorimProblem::code)
                .containsExactly("cwt.not-yet-valid");
        Map<Object, Object> both = headers(-7);
        both.put(15, map(1, "Someone else", 4, 1_800_000_000L));
        assertThat(validatorFor(kp).validate(sign(both, map(), PAYLOAD, kp.getPrivate(),
                "SHA256withECDSAinP1363Format", null)).problems()).extracting(CorimProblem::code)
                .containsExactly("cose.meta-cwt-inconsistent");
    }

    @Test
    void reportsAMissingDetachedPayloadAndTheUnsupportedHashEnvelope() throws Exception {
        KeyPair kp = ec("secp256r1");
        byte[] detached = encode(tag(18, list(encode(headers(-7)), map(), null, new byte[64])));
        assertThat(validatorFor(kp).validate(detached).problems()).extracting(CorimProblem::code)
                .containsExactly("cose.detached-payload-missing");
        Map<Object, Object> envelope = map(1, -7L, 258, -16L, 259, "application/rim+cbor", 8, encode(meta(1_800_000_000L)));
        byte[] signed = sign(envelope, map(), new byte[32], kp.getPrivate(), "SHA256withECDSAinP1363Format", null);
        assertThat(validatorFor(kp).validate(signed).problems()).extracting(CorimProblem::code)
                .containsExactly("cose.hash-envelope-unsupported");
    }

    @Test
    void verifiesAndValidatesADetachedPayloadGivenApart() throws Exception {
        KeyPair kp = ec("secp256r1");
        byte[] prot = encode(headers(-7));
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(kp.getPrivate());
        s.update(SignatureVerifier.sigStructure(prot, PAYLOAD));
        byte[] detached = encode(tag(18, list(prot, map(), null, s.sign())));
        CorimValidator validator = validatorFor(kp);

        CorimValidationResult r = validator.validate(detached, PAYLOAD);
        assertThat(r.problems()).isEmpty();
        assertThat(r.kind()).isEqualTo(CorimValidationResult.Kind.SIGNED_CORIM);
        assertThat(r.id()).isEqualTo("corim-1");
        assertThat(r.signatureValidity().notAfter()).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));

        byte[] tampered = PAYLOAD.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(validator.validate(detached, tampered).problems()).extracting(CorimProblem::code)
                .contains("cose.signature-invalid");
        assertThat(validator.validate(detached).problems()).extracting(CorimProblem::code)
                .containsExactly("cose.detached-payload-missing");
    }

    @Test
    void reportsADetachedPayloadGivenForACorimThatCarriesItsOwn() throws Exception {
        KeyPair kp = ec("secp256r1");
        byte[] attached = sign(headers(-7), map(), PAYLOAD, kp.getPrivate(), "SHA256withECDSAinP1363Format", null);
        CorimValidationResult signed = validatorFor(kp).validate(attached, PAYLOAD);
        assertThat(signed.problems()).extracting(CorimProblem::code).containsExactly("cose.payload-not-detached");
        assertThat(signed.problems().get(0).path()).isEqualTo("/payload");
        CorimValidationResult unsigned = validatorFor(kp).validate(PAYLOAD, PAYLOAD);
        assertThat(unsigned.problems()).extracting(CorimProblem::code).containsExactly("cose.payload-not-detached");
    }

    @Test
    void validatesX5chainToTrustAnchorAtTheEvaluationTime() throws Exception {
        KeyPair root = ec("secp256r1");
        KeyPair leaf = ec("secp256r1");
        X509Certificate rootCert = cert("CN=Root", root, "CN=Root", root, true);
        X509Certificate leafCert = cert("CN=Leaf", leaf, "CN=Root", root, false);
        // COSE_X509 (RFC 9360): one certificate is a bstr; an array holds two or more.
        byte[] signed = sign(headers(-7), map(33, leafCert.getEncoded()), PAYLOAD, leaf.getPrivate(),
                "SHA256withECDSAinP1363Format", null);
        CorimValidator trusting = CorimValidator.builder().clock(InstantSource.fixed(NOW)).trustAnchor(rootCert).build();
        assertThat(trusting.validate(signed).problems()).isEmpty();
        X509Certificate otherRoot = cert("CN=Other", ec("secp256r1"), "CN=Other", ec("secp256r1"), true);
        CorimValidator other = CorimValidator.builder().clock(InstantSource.fixed(NOW)).trustAnchor(otherRoot).build();
        assertThat(other.validate(signed).problems()).extracting(CorimProblem::code)
                .containsExactly("cose.x5chain-untrusted");
        CorimValidator late = CorimValidator.builder().clock(InstantSource.fixed(Instant.parse("2040-01-01T00:00:00Z")))
                .trustAnchor(rootCert).build();
        assertThat(late.validate(signed).problems()).extracting(CorimProblem::code)
                .contains("cose.x5chain-untrusted");
    }

    private static X509Certificate cert(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
            boolean ca) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(subject.hashCode() & 0xffff),
                Date.from(Instant.parse("2024-01-01T00:00:00Z")), Date.from(Instant.parse("2030-01-01T00:00:00Z")),
                new X500Name(subject), subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign : KeyUsage.digitalSignature));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }
}
