package io.healthmonitor.corim;

import org.jspecify.annotations.Nullable;

/**
 * {@code signed-corim = #6.18(COSE-Sign1-corim)} (§4.2): the envelope's four members, its
 * headers ({@link CoseHeaderRules}), its signature ({@link SignatureVerifier}) and its payload, a
 * {@code #6.501} corim-map carried in the envelope or given detached.
 */
final class SignedCorimRules {

    /** Positions in COSE_Sign1. */
    static final int PROTECTED = 0;
    static final int UNPROTECTED = 1;
    static final int PAYLOAD = 2;
    static final int SIGNATURE = 3;
    private static final int COSE_SIGN1_SIZE = 4;
    /** How deep the protected header and the payload sit below the top-level item. */
    private static final int CONTENT_DEPTH = 2;

    private SignedCorimRules() {
    }

    /**
     * Checks a COSE_Sign1 signed CoRIM, whose {@code #6.18} the caller has checked.
     *
     * @param detachedPayload the payload when the envelope's is nil, or null when none was given
     */
    static void check(Validation v, CborItem sign1, SignatureVerifier verifier, byte @Nullable [] detachedPayload) {
        Path root = Path.ROOT;
        if (sign1.type != CborItem.Type.ARRAY || sign1.items.length != COSE_SIGN1_SIZE) {
            v.mismatch(sign1, root, Rule.SIGNED_CORIM, "#6.18([protected, unprotected, payload, signature])");
            return;
        }
        CborItem protectedBytes = sign1.items[PROTECTED];
        CborItem unprotected = sign1.items[UNPROTECTED];
        CborItem payload = sign1.items[PAYLOAD];
        CborItem signature = sign1.items[SIGNATURE];
        Path pp = root.add("protected");
        CborItem headers = null;
        CoseHeaderRules.Protected header = CoseHeaderRules.Protected.UNUSABLE;
        if (!protectedBytes.isBytes()) {
            v.mismatch(protectedBytes, pp, Rule.SIGNED_CORIM, "bstr .cbor protected-corim-header-map");
        } else {
            headers = v.embedded(protectedBytes, pp, Rule.PROTECTED_HEADER, CONTENT_DEPTH);
            if (headers != null) {
                header = CoseHeaderRules.checkProtected(v, headers, pp);
            }
        }
        CoseHeaderRules.checkUnprotected(v, unprotected, root.add("unprotected"), headers);
        byte[] content = payload(v, payload, root.add("payload"), detachedPayload);
        if (!signature.isBytes()) {
            v.mismatch(signature, root.add("signature"), Rule.SIGNED_CORIM, "bstr signature");
        } else if (content != null && protectedBytes.isBytes() && header.alg() != CoseHeaderRules.NO_ALG) {
            verifier.verify(v, header.alg(), protectedBytes.bytes(), content, signature.bytes(), headers, unprotected);
        }
        if (content != null && !header.hashEnvelope()) {
            CborItem corim = v.embedded(content, root.add("payload"), Rule.SIGNED_CORIM, CONTENT_DEPTH);
            if (corim == null) {
                return;
            }
            if (corim.tags.length == 1 && corim.tags[0] == CborTag.UNSIGNED_CORIM) {
                CorimMapRules.check(v, corim, Path.ROOT);
            } else {
                v.report(Code.CORIM_UNTAGGED_PAYLOAD, root.add("payload"), Rule.SIGNED_CORIM,
                        () -> "the payload must be a #6.501 tagged-unsigned-corim-map, found " + corim.describe()
                                + " (untagged payloads are a pre-draft-07 format)");
            }
        }
    }

    /** The payload to verify and validate: the envelope's, or the detached one for a nil payload; null when none. */
    private static byte @Nullable [] payload(Validation v, CborItem payload, Path p, byte @Nullable [] detached) {
        if (payload.is(CborItem.Type.NULL)) {
            if (detached == null) {
                v.report(Code.COSE_DETACHED_PAYLOAD_MISSING, p, Rule.SIGNED_CORIM, () -> "the payload is detached (nil) and was "
                        + "not given: pass it to CorimValidator.validate(corim, detachedPayload) (command line: --payload FILE)");
            }
            return detached;
        }
        if (!payload.isBytes()) {
            v.mismatch(payload, p, Rule.SIGNED_CORIM, "bstr .cbor tagged-unsigned-corim-map, or nil when detached");
            return null;
        }
        if (detached != null) {
            v.report(Code.COSE_PAYLOAD_NOT_DETACHED, p, Rule.SIGNED_CORIM, () -> "a detached payload was given, but this "
                    + "CoRIM carries its own payload; the given one was neither verified nor validated");
        }
        return payload.bytes();
    }
}
