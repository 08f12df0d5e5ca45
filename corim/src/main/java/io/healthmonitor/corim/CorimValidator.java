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
import org.jspecify.annotations.Nullable;

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

    /** How deep a standalone CoMID's content sits when it comes wrapped in {@code #6.506}. */
    private static final int WRAPPED_COMID_DEPTH = 1;

    private final InstantSource clock;
    private final CorimLimits limits;
    private final CorimExtensions extensions;
    private final SignatureVerifier verifier;
    private final CBORFactory factory;

    private CorimValidator(Builder b) {
        this.clock = b.clock;
        this.limits = b.limits;
        this.extensions = b.extensions;
        this.verifier = new SignatureVerifier(b.keys, b.anchors);
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
     * Validates a CoRIM, signed ({@code #6.18}) or unsigned ({@code #6.501}). The decoder reads
     * strings in place, so the array must not change until the call returns; nothing of it is
     * kept afterwards.
     *
     * @param input the encoded CoRIM
     * @return the result; {@link CorimValidationResult#valid()} tells whether it is acceptable
     * @throws NullPointerException if {@code input} is null
     * @throws CorimFormatException if the input is not one well-formed CBOR item within the limits
     */
    public CorimValidationResult validate(byte[] input) {
        Objects.requireNonNull(input, "input");
        return corim(input, null);
    }

    /**
     * Validates a signed CoRIM whose payload is detached (RFC 9052 §2: nil in the COSE_Sign1),
     * with the payload given apart: the signature is verified over {@code detachedPayload}, which
     * must be a {@code #6.501} CoRIM. A CoRIM that is not signed or carries its own payload gets
     * the problem {@code cose.payload-not-detached}: the given payload is then neither verified nor
     * validated.
     *
     * @param signedCorim the encoded COSE_Sign1 with a nil payload
     * @param detachedPayload the encoded payload
     * @return the result, whose summary is that of the payload
     * @throws NullPointerException if an argument is null
     * @throws CorimFormatException if either input is larger than the size limit, or
     *     {@code signedCorim} is not one well-formed CBOR item within the limits (a malformed
     *     payload is a problem of the result)
     */
    public CorimValidationResult validate(byte[] signedCorim, byte[] detachedPayload) {
        Objects.requireNonNull(signedCorim, "signedCorim");
        Objects.requireNonNull(detachedPayload, "detachedPayload");
        checkSize(detachedPayload.length);
        return corim(signedCorim, detachedPayload);
    }

    private CorimValidationResult corim(byte[] input, byte @Nullable [] detachedPayload) {
        checkSize(input.length);
        CborDecoder decoder = new CborDecoder(factory, limits);
        CborItem root = decoder.decode(input, 0);
        Report report = new Report(limits.maxProblems());
        Validation v = new Validation(report, decoder, extensions, clock.instant(), limits.maxListed());
        CorimValidationResult.Kind kind = CorimValidationResult.Kind.UNKNOWN;
        long outer = root.tags.length == 0 ? -1 : root.tags[0];
        if (outer == CborTag.UNSIGNED_CORIM && root.tags.length == 1) {
            kind = CorimValidationResult.Kind.UNSIGNED_CORIM;
            CorimMapRules.check(v, root, Path.ROOT);
        } else if (outer == CborTag.COSE_SIGN1 && root.tags.length == 1) {
            kind = CorimValidationResult.Kind.SIGNED_CORIM;
            SignedCorimRules.check(v, root, verifier, detachedPayload);
        } else if (outer == CborTag.LEGACY_CORIM || outer == CborTag.LEGACY_SIGNED_CORIM) {
            v.report(Code.CORIM_LEGACY_WRAPPER, Path.ROOT, Rule.CORIM, () -> "tag " + outer + " ("
                    + (outer == CborTag.LEGACY_CORIM ? "corim" : "signed-corim") + " wrapper) was removed in "
                    + "draft-ietf-rats-corim-07; a CoRIM must be #6.501 (unsigned) or #6.18 (COSE_Sign1)");
        } else if (root.is(CborItem.Type.MAP)) {
            v.report(Code.CORIM_UNTAGGED, Path.ROOT, Rule.CORIM,
                    () -> "an untagged corim-map is a pre-draft-07 encoding; a CoRIM must be #6.501 or #6.18");
        } else {
            v.report(Code.CORIM_UNEXPECTED_TYPE, Path.ROOT, Rule.CORIM,
                    () -> "expected #6.501 tagged-unsigned-corim-map or #6.18 signed-corim, found " + root.describe());
        }
        if (detachedPayload != null && kind != CorimValidationResult.Kind.SIGNED_CORIM) {
            v.report(Code.COSE_PAYLOAD_NOT_DETACHED, Path.ROOT, Rule.SIGNED_CORIM, () -> "a detached payload was given, "
                    + "but this is not a signed CoRIM; the given payload was neither verified nor validated");
        }
        return v.summary().result(kind, report.problems());
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

    private CorimValidationResult comid(byte[] input, @Nullable String extensionId) {
        Objects.requireNonNull(input, "input");
        checkSize(input.length);
        CborDecoder decoder = new CborDecoder(factory, limits);
        CborItem root = decoder.decode(input, 0);
        Report report = new Report(limits.maxProblems());
        Validation v = new Validation(report, decoder, extensions, clock.instant(), limits.maxListed());
        if (extensionId != null && !v.selectExtension(extensionId)) {
            v.report(Code.PROFILE_UNKNOWN, Path.ROOT, Rule.CORIM_MAP, () -> "profile '" + extensionId
                    + "' is not registered: no CorimExtension has this id");
        }
        CborItem comid = root;
        if (root.isTagged(CborTag.COMID, CborItem.Type.BYTES)) {
            comid = v.embedded(root, Path.ROOT, Rule.CONCISE_TAG, WRAPPED_COMID_DEPTH);
        }
        if (comid != null) {
            v.summary().tag(ComidRules.check(v, comid, Path.ROOT));
            v.finishGraphs();
            ExtensionRules.checkComid(v, comid);
        }
        v.summary().id(v.summary().firstTagId());
        return v.summary().result(CorimValidationResult.Kind.COMID, report.problems());
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
