package io.healthmonitor.corim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Reads public keys from PEM, JWK and X.509 with the JDK alone. */
final class Keys {

    private Keys() {
    }

    /** A verification key and its optional key id (COSE {@code kid}, compared as UTF-8 bytes). */
    record VerificationKey(byte[] kid, PublicKey key) {
    }

    static PublicKey fromPem(String pem) {
        String type = pem.contains("BEGIN CERTIFICATE") ? "CERTIFICATE" : "PUBLIC KEY";
        int begin = pem.indexOf("-----BEGIN " + type + "-----");
        int end = pem.indexOf("-----END " + type + "-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("PEM must hold a PUBLIC KEY or CERTIFICATE block");
        }
        String body = pem.substring(begin + type.length() + 16, end).replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        try {
            if (type.equals("CERTIFICATE")) {
                return certificate(der).getPublicKey();
            }
            return spki(der);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable PEM key: " + e.getMessage(), e);
        }
    }

    static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    static PublicKey spki(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        for (String alg : new String[] {"EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("unsupported public key algorithm");
    }

    /** Parses a JWK (EC, OKP Ed25519/Ed448 or RSA); private members are ignored. */
    static VerificationKey fromJwk(String json) {
        Map<String, String> m = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("JWK must be a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_STRING) {
                    m.put(name, p.getText());
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IllegalArgumentException("malformed JWK");
            }
        } catch (IOException e) {
            // Neither Jackson's message nor the exception: it quotes the token it choked on, which
            // may be a private member of the JWK ("Unrecognized token '<d>'").
            JsonLocation at = e instanceof JsonProcessingException j ? j.getLocation() : null;
            throw new IllegalArgumentException("malformed JWK: not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        String kty = m.get("kty");
        byte[] kid = m.containsKey("kid") ? m.get("kid").getBytes(StandardCharsets.UTF_8) : null;
        try {
            PublicKey key;
            if ("EC".equals(kty)) {
                String curve = switch (String.valueOf(m.get("crv"))) {
                    case "P-256" -> "secp256r1";
                    case "P-384" -> "secp384r1";
                    case "P-521" -> "secp521r1";
                    default -> throw new IllegalArgumentException("unsupported EC curve " + m.get("crv"));
                };
                AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                params.init(new ECGenParameterSpec(curve));
                ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
                ECPoint w = new ECPoint(b64(m, "x"), b64(m, "y"));
                key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
            } else if ("RSA".equals(kty)) {
                key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(b64(m, "n"), b64(m, "e")));
            } else if ("OKP".equals(kty)) {
                byte[] x = Base64.getUrlDecoder().decode(require(m, "x"));
                byte[] prefix;
                String alg;
                if ("Ed25519".equals(m.get("crv"))) {
                    prefix = new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
                    alg = "Ed25519";
                } else if ("Ed448".equals(m.get("crv"))) {
                    prefix = new byte[] {0x30, 0x43, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71, 0x03, 0x3a, 0x00};
                    alg = "Ed448";
                } else {
                    throw new IllegalArgumentException("unsupported OKP curve " + m.get("crv"));
                }
                byte[] der = new byte[prefix.length + x.length];
                System.arraycopy(prefix, 0, der, 0, prefix.length);
                System.arraycopy(x, 0, der, prefix.length, x.length);
                key = KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } else {
                throw new IllegalArgumentException("unsupported JWK kty " + kty);
            }
            return new VerificationKey(kid, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable JWK: " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> m, String name) {
        String v = m.get(name);
        if (v == null) {
            throw new IllegalArgumentException("JWK lacks member " + name);
        }
        return v;
    }

    private static BigInteger b64(Map<String, String> m, String name) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(require(m, name)));
    }
}
