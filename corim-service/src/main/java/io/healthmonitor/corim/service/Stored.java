package io.healthmonitor.corim.service;

import io.healthmonitor.corim.CorimValidationResult;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/** What both stores check and compute before a write: only valid CoRIMs with a usable id. */
final class Stored {

    private Stored() {
    }

    static StoredProfile describe(byte[] corim, CorimValidationResult result, Instant now) {
        Objects.requireNonNull(corim, "corim");
        Objects.requireNonNull(result, "result");
        if (!result.valid()) {
            throw new IllegalArgumentException("only valid CoRIMs are stored; this one has " + result.problems().size()
                    + " problem(s)");
        }
        if (result.kind() != CorimValidationResult.Kind.UNSIGNED_CORIM
                && result.kind() != CorimValidationResult.Kind.SIGNED_CORIM) {
            throw new IllegalArgumentException("only CoRIMs are stored, not " + result.kind());
        }
        if (!StoredProfile.isValidId(result.id())) {
            throw new IllegalArgumentException("the corim-id cannot be a profile id: " + StoredProfile.MAX_ID_LENGTH
                    + " characters at most, no control characters, '/' or '\\', not '.' or '..'");
        }
        // Millisecond precision: what Redis keeps, so both stores report the same instants.
        Instant expires = result.expiresAt();
        return new StoredProfile(result.id(), result.extension(), result.kind(), corim.length, sha256(corim),
                Instant.ofEpochMilli(now.toEpochMilli()), expires == null ? null : Instant.ofEpochMilli(expires.toEpochMilli()));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
