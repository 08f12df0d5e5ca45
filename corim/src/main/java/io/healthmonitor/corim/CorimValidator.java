package io.healthmonitor.corim;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A strict validator of CoRIM (draft-ietf-rats-corim): {@code #6.501} unsigned CoRIMs,
 * {@code #6.18} COSE_Sign1 signed CoRIMs, and standalone CoMIDs.
 *
 * <p>Every rule violation is reported as a {@link CorimProblem} in the returned
 * {@link CorimValidationResult}; only input that cannot be read as CBOR within the
 * {@link CorimLimits} raises {@link CorimFormatException}. Signatures are verified with the JDK
 * alone; validity periods are checked against the configured clock at the time of the call.
 *
 * <pre>{@code
 * CorimValidator validator = CorimValidator.builder()
 *         .verificationKeyPem(pem)
 *         .extensions(CorimExtensions.of(myExtension))
 *         .build();
 * CorimValidationResult result = validator.validate(bytes);
 * if (!result.valid()) { result.problems().forEach(System.out::println); }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CorimValidator {

    private final InstantSource clock;
    private final CorimLimits limits;
    private final CorimExtensions extensions;
    private final List<Keys.VerificationKey> keys;
    private final Set<TrustAnchor> anchors;
    private final CBORFactory factory;

    private CorimValidator(Builder b) {
        this.clock = b.clock;
        this.limits = b.limits;
        this.extensions = b.extensions;
        this.keys = List.copyOf(b.keys);
        this.anchors = Set.copyOf(b.anchors);
        this.factory = CborDecoder.factory(limits);
    }

    /**
     * Starts a validator with the system clock, default limits, no extensions and no keys.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates a CoRIM, signed ({@code #6.18}) or unsigned ({@code #6.501}).
     *
     * @param input the encoded CoRIM
     * @return the result; {@link CorimValidationResult#valid()} tells whether it is acceptable
     * @throws NullPointerException if {@code input} is null
     * @throws CorimFormatException if the input is not one well-formed CBOR item within the limits
     */
    public CorimValidationResult validate(byte[] input) {
        Objects.requireNonNull(input, "input");
        checkSize(input.length);
        Instant now = clock.instant();
        CborDecoder decoder = new CborDecoder(factory, limits);
        CborItem root = decoder.decode(input, 0);
        Report report = new Report(limits.maxProblems());
        CorimChecker checker = new CorimChecker(report, decoder, extensions, now);
        CorimValidationResult.Kind kind = CorimValidationResult.Kind.UNKNOWN;
        CorimValidationResult.Validity sigValidity = null;
        long outer = root.tags.length == 0 ? -1 : root.tags[0];
        if (outer == 501 && root.tags.length == 1) {
            kind = CorimValidationResult.Kind.UNSIGNED_CORIM;
            checker.checkCorimMap(root, Path.ROOT);
        } else if (outer == 18 && root.tags.length == 1) {
            kind = CorimValidationResult.Kind.SIGNED_CORIM;
            SignedCorimChecker signed = new SignedCorimChecker(checker, report, keys, anchors, now);
            signed.check(root);
            sigValidity = signed.signatureValidity;
        } else if (outer == 500 || outer == 502) {
            report.add("corim.legacy-wrapper", "", "tag " + outer + " (" + (outer == 500 ? "corim" : "signed-corim")
                    + " wrapper) was removed in draft-ietf-rats-corim-07; a CoRIM must be #6.501 (unsigned) or #6.18 (COSE_Sign1) ("
                    + Spec.CORIM.cite() + ")");
        } else if (root.type == CborItem.Type.MAP && !root.isTagged()) {
            report.add("corim.untagged", "", "an untagged corim-map is a pre-draft-07 encoding; a CoRIM must be #6.501 or #6.18 ("
                    + Spec.CORIM.cite() + ")");
        } else {
            report.add("corim.unexpected-type", "", "expected #6.501 tagged-unsigned-corim-map or #6.18 signed-corim, found "
                    + root.describe() + " (" + Spec.CORIM.cite() + ")");
        }
        return new CorimValidationResult(kind, checker.id, checker.profileId, checker.rimValidity, sigValidity,
                checker.tags, checker.entities, checker.tripleCounts, report.problems());
    }

    /**
     * Reads at most {@link CorimLimits#maxInputBytes()} bytes and validates them.
     *
     * @param input the stream; read to its end but not closed
     * @return the result
     * @throws NullPointerException if {@code input} is null
     * @throws CorimFormatException if the stream is longer than the limit, cannot be read, or is
     *     not one well-formed CBOR item
     */
    public CorimValidationResult validate(InputStream input) {
        Objects.requireNonNull(input, "input");
        byte[] bytes;
        try {
            bytes = input.readNBytes(limits.maxInputBytes() + 1);
        } catch (IOException e) {
            throw new CorimFormatException("io.read-failed", -1, "could not read the input: " + e.getMessage());
        }
        return validate(bytes);
    }

    /**
     * Validates a standalone, untagged concise-mid-tag against the base rules only.
     *
     * @param input the encoded CoMID
     * @return the result; its kind is {@link CorimValidationResult.Kind#COMID}
     * @throws NullPointerException if {@code input} is null
     * @throws CorimFormatException if the input is not one well-formed CBOR item within the limits
     */
    public CorimValidationResult validateComid(byte[] input) {
        return comid(input, null);
    }

    /**
     * Validates a standalone concise-mid-tag under a registered extension, as if it were carried
     * by a CoRIM naming that extension in its {@code profile} member.
     *
     * @param input the encoded CoMID
     * @param extensionId the extension identifier; a problem is reported when it is not registered
     * @return the result
     * @throws NullPointerException if an argument is null
     * @throws CorimFormatException if the input is not one well-formed CBOR item within the limits
     */
    public CorimValidationResult validateComid(byte[] input, String extensionId) {
        return comid(input, Objects.requireNonNull(extensionId, "extensionId"));
    }

    private CorimValidationResult comid(byte[] input, String profileId) {
        Objects.requireNonNull(input, "input");
        checkSize(input.length);
        CborDecoder decoder = new CborDecoder(factory, limits);
        CborItem root = decoder.decode(input, 0);
        Report report = new Report(limits.maxProblems());
        CorimChecker checker = new CorimChecker(report, decoder, extensions, clock.instant());
        if (profileId != null) {
            CorimExtension p = extensions.get(profileId).orElse(null);
            if (p == null) {
                report.add("profile.unknown", "", "profile '" + profileId + "' is not registered (" + Spec.PROFILE.cite() + ")");
            }
            checker.useProfile(p);
        }
        CborItem comid = root;
        if (root.tags.length == 1 && root.tag() == 506 && root.type == CborItem.Type.BYTES) {
            comid = checker.embedded(root.bytes, Path.ROOT, Spec.CONCISE_TAG, 1);
        }
        if (comid != null) {
            checker.checkComid(comid, Path.ROOT);
            checker.finishComid();
            checker.runComidRules(comid);
        }
        String id = checker.tags.isEmpty() ? null : checker.tags.get(0).tagId();
        return new CorimValidationResult(CorimValidationResult.Kind.COMID, id, profileId, null, null,
                checker.tags, checker.entities, checker.tripleCounts, report.problems());
    }

    private void checkSize(int length) {
        if (length > limits.maxInputBytes()) {
            throw new CorimFormatException("limit.size", limits.maxInputBytes(), "input of at least " + length
                    + " bytes exceeds " + limits.maxInputBytes() + " bytes (CorimLimits.maxInputBytes)");
        }
    }

    /** Configures a {@link CorimValidator}. Not thread-safe. */
    public static final class Builder {
        private InstantSource clock = InstantSource.system();
        private CorimLimits limits = CorimLimits.defaults();
        private CorimExtensions extensions = CorimExtensions.empty();
        private final List<Keys.VerificationKey> keys = new ArrayList<>();
        private final Set<TrustAnchor> anchors = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Sets the source of the evaluation time for signature-validity, rim-validity,
         * tl-validity, CWT nbf/exp and certificate validity.
         *
         * @param clock the time source, such as {@code InstantSource.fixed(..)} in tests
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the resource limits.
         *
         * @param limits the limits
         * @return this builder
         * @throws NullPointerException if {@code limits} is null
         */
        public Builder limits(CorimLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Sets the recognised extensions (the draft's profiles); a CoRIM naming any other is rejected.
         *
         * @param extensions the registry
         * @return this builder
         * @throws NullPointerException if {@code extensions} is null
         */
        public Builder extensions(CorimExtensions extensions) {
            this.extensions = Objects.requireNonNull(extensions, "extensions");
            return this;
        }

        /**
         * Adds a key that may have signed CoRIMs.
         *
         * @param key the public key (EC P-256/384/521, Ed25519/Ed448 or RSA)
         * @return this builder
         * @throws NullPointerException if {@code key} is null
         */
        public Builder verificationKey(PublicKey key) {
            keys.add(new Keys.VerificationKey(null, Objects.requireNonNull(key, "key")));
            return this;
        }

        /**
         * Adds a key with a key id; a signed CoRIM whose {@code kid} header matches tries it first.
         *
         * @param kid the key id, compared with the COSE {@code kid} as UTF-8 bytes
         * @param key the public key
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder verificationKey(String kid, PublicKey key) {
            keys.add(new Keys.VerificationKey(Objects.requireNonNull(kid, "kid").getBytes(StandardCharsets.UTF_8),
                    Objects.requireNonNull(key, "key")));
            return this;
        }

        /**
         * Adds the public key of a certificate.
         *
         * @param certificate the certificate
         * @return this builder
         * @throws NullPointerException if {@code certificate} is null
         */
        public Builder verificationKey(X509Certificate certificate) {
            return verificationKey(Objects.requireNonNull(certificate, "certificate").getPublicKey());
        }

        /**
         * Adds a key from PEM: a {@code PUBLIC KEY} (SPKI) or {@code CERTIFICATE} block.
         *
         * @param pem the PEM text
         * @return this builder
         * @throws NullPointerException if {@code pem} is null
         * @throws IllegalArgumentException if the PEM holds no usable key
         */
        public Builder verificationKeyPem(String pem) {
            return verificationKey(Keys.fromPem(Objects.requireNonNull(pem, "pem")));
        }

        /**
         * Adds a key from a JWK (kty EC, OKP or RSA); its {@code kid}, if any, is kept. Private
         * members are ignored.
         *
         * @param jwk the JWK JSON text
         * @return this builder
         * @throws NullPointerException if {@code jwk} is null
         * @throws IllegalArgumentException if the JWK is malformed or of an unsupported type
         */
        public Builder verificationKeyJwk(String jwk) {
            keys.add(Keys.fromJwk(Objects.requireNonNull(jwk, "jwk")));
            return this;
        }

        /**
         * Adds a trust anchor for {@code x5chain} (COSE header 33) validation with PKIX. When a
         * signed CoRIM carries an x5chain and trust anchors are configured, the chain must
         * validate at the evaluation time and its leaf key must verify the signature.
         *
         * @param anchor the trusted root certificate
         * @return this builder
         * @throws NullPointerException if {@code anchor} is null
         */
        public Builder trustAnchor(X509Certificate anchor) {
            anchors.add(new TrustAnchor(Objects.requireNonNull(anchor, "anchor"), null));
            return this;
        }

        /**
         * Builds the immutable, thread-safe validator.
         *
         * @return the validator
         */
        public CorimValidator build() {
            return new CorimValidator(this);
        }
    }
}
