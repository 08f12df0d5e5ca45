package io.healthmonitor.corim;

import static io.healthmonitor.corim.Cbor.list;
import static io.healthmonitor.corim.Cbor.map;
import static io.healthmonitor.corim.Cbor.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.security.KeyPair;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One-defect vectors for the COSE header parameters of a signed CoRIM (RFC 9052 §3.1, RFC 9360
 * §2): each starts from a valid, correctly signed CoRIM and changes one header.
 */
class CoseHeaderRulesTest {

    private static KeyPair keys;
    private static CorimValidator validator;

    @BeforeAll
    static void keys() throws Exception {
        keys = SignedCorimTest.ec("secp256r1");
        validator = SignedCorimTest.validatorFor(keys);
    }

    /** Signs the valid protected and unprotected headers after applying the defects. */
    private static CorimValidationResult with(Consumer<Map<Object, Object>> protectedDefect,
            Consumer<Map<Object, Object>> unprotectedDefect) throws Exception {
        Map<Object, Object> protectedHeaders = SignedCorimTest.headers(-7);
        Map<Object, Object> unprotected = map();
        protectedDefect.accept(protectedHeaders);
        unprotectedDefect.accept(unprotected);
        return validator.validate(SignedCorimTest.sign(protectedHeaders, unprotected, SignedCorimTest.PAYLOAD,
                keys.getPrivate(), "SHA256withECDSAinP1363Format", null));
    }

    private static CorimValidationResult inProtected(Consumer<Map<Object, Object>> defect) throws Exception {
        return with(defect, h -> { });
    }

    private static CorimValidationResult inUnprotected(Consumer<Map<Object, Object>> defect) throws Exception {
        return with(h -> { }, defect);
    }

    private static void assertOnly(CorimValidationResult r, String code, String path, String section) {
        assertThat(r.problems()).as(r.problems().toString()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).contains(section);
        });
    }

    @Test
    void acceptsWellTypedParametersInBothBuckets() throws Exception {
        assertThat(with(h -> {
            h.put(4, "k1".getBytes());
            h.put(2, list(4));
        }, u -> {
            u.put(5, new byte[16]);
            u.put(34, list(-16, new byte[32]));
            u.put(35, tag(32, "https://acme.example/certs"));
            u.put(-70000, "private use");
        }).problems()).isEmpty();
    }

    @Test
    void typesKidAsAByteString() throws Exception {
        assertOnly(inProtected(h -> h.put(4, "k1")), "type.mismatch", "/protected/kid", "§4.2.1");
        assertOnly(inUnprotected(u -> u.put(4, 7)), "type.mismatch", "/unprotected/kid", "§4.2.4");
    }

    @Test
    void typesIvAndPartialIvAsByteStrings() throws Exception {
        assertOnly(inProtected(h -> h.put(5, "iv")), "type.mismatch", "/protected/IV", "RFC 9052 §3.1");
        assertOnly(inUnprotected(u -> u.put(6, 1)), "type.mismatch", "/unprotected/Partial IV", "RFC 9052 §3.1");
    }

    @Test
    void typesTheUnprotectedAlgorithmContentTypeAndHashEnvelopeParameters() throws Exception {
        CorimValidationResult alg = inUnprotected(u -> u.put(1, new byte[] {7}));
        assertThat(alg.problems()).extracting(CorimProblem::code, CorimProblem::path).containsExactlyInAnyOrder(
                tuple("type.mismatch", "/unprotected/alg"),
                tuple("cose.header-in-both-buckets", "/unprotected/alg"));
        assertOnly(inUnprotected(u -> u.put(260, 12)), "type.mismatch", "/unprotected/payload_location", "§4.2.4");
        assertOnly(inUnprotected(u -> u.put(15, "claims")), "type.mismatch", "/unprotected/CWT-Claims", "§4.2.4");
    }

    @Test
    void reportsAnAlgorithmThatIsNotAnInteger() throws Exception {
        assertOnly(inProtected(h -> h.put(1, "ES256")), "type.mismatch", "/protected/alg", "§4.2.1");
    }

    @Test
    void requiresCritToBeANonEmptyListOfUnderstoodLabelsInTheProtectedBucket() throws Exception {
        assertOnly(inProtected(h -> h.put(2, list())), "array.empty", "/protected/crit", "§4.2.1");
        assertOnly(inProtected(h -> h.put(2, list(new byte[] {1}))), "type.mismatch", "/protected/crit/0", "§4.2.1");
        assertOnly(inProtected(h -> h.put(2, list(99))), "cose.crit-not-understood", "/protected/crit/0", "§4.2.1");
        assertOnly(inUnprotected(u -> u.put(2, list(4))), "cose.crit-unprotected", "/unprotected/crit", "§4.2.4");
    }

    @Test
    void refusesIvAndPartialIvTogether() throws Exception {
        assertOnly(inUnprotected(u -> {
            u.put(5, new byte[16]);
            u.put(6, new byte[4]);
        }), "cose.iv-and-partial-iv", "/unprotected/Partial IV", "§4.2.4");
        assertOnly(inProtected(h -> {
            h.put(5, new byte[16]);
            h.put(6, new byte[4]);
        }), "cose.iv-and-partial-iv", "/protected/Partial IV", "§4.2.1");
    }

    @Test
    void refusesALabelInBothBuckets() throws Exception {
        assertOnly(with(h -> h.put(4, "k1".getBytes()), u -> u.put(4, "k2".getBytes())),
                "cose.header-in-both-buckets", "/unprotected/kid", "RFC 9052 §3.1");
    }

    @Test
    void typesTheX509ParametersOfRfc9360() throws Exception {
        assertOnly(inUnprotected(u -> u.put(33, list(new byte[] {0x30}))), "type.mismatch", "/unprotected/x5chain", "RFC 9360 §2");
        assertOnly(inUnprotected(u -> u.put(33, "cert")), "type.mismatch", "/unprotected/x5chain", "RFC 9360 §2");
        assertOnly(inUnprotected(u -> u.put(32, list(new byte[] {1}, 2))), "type.mismatch", "/unprotected/x5bag/1", "RFC 9360 §2");
        assertOnly(inUnprotected(u -> u.put(34, list(-16))), "type.mismatch", "/unprotected/x5t", "RFC 9360 §2");
        assertOnly(inUnprotected(u -> u.put(35, "https://acme.example/certs")), "type.mismatch", "/unprotected/x5u", "RFC 9360 §2");
    }
}
