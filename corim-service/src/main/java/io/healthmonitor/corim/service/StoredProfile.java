package io.healthmonitor.corim.service;

import io.healthmonitor.corim.CorimValidationResult;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link CorimProfileStore} holds about one validated CoRIM, beside its bytes. Immutable.
 *
 * @param id the corim-id, the key of the profile in the store (see {@link #checkId(String)})
 * @param extension the extension the CoRIM names in its {@code profile} member (URI or dotted OID,
 *     see {@link io.healthmonitor.corim.CorimExtension}), or null when it names none
 * @param kind {@link CorimValidationResult.Kind#UNSIGNED_CORIM} or {@link CorimValidationResult.Kind#SIGNED_CORIM}
 * @param sizeBytes the length of the stored CoRIM
 * @param sha256 the lower-case hex SHA-256 of the stored CoRIM
 * @param storedAt when it was stored
 * @param expiresAt when the store drops it (the earliest end of rim-validity and signature-validity),
 *     or null when the CoRIM names no validity
 */
public record StoredProfile(String id, @Nullable String extension, CorimValidationResult.Kind kind, int sizeBytes,
        String sha256, Instant storedAt, @Nullable Instant expiresAt) {

    /** The longest accepted id, in characters. */
    public static final int MAX_ID_LENGTH = 256;

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a non-nullable component is null
     * @throws IllegalArgumentException if the id is not acceptable or the size is negative
     */
    public StoredProfile {
        checkId(id);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(storedAt, "storedAt");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0");
        }
    }

    /**
     * Checks that a corim-id can be a store key and a URL path segment: 1 to {@value #MAX_ID_LENGTH}
     * characters, no control characters, no {@code /} or {@code \}, not {@code .} or {@code ..}.
     *
     * @param id the id
     * @return the id
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if the id is not acceptable
     */
    public static String checkId(String id) {
        Objects.requireNonNull(id, "id");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("profile id must be 1.." + MAX_ID_LENGTH
                    + " characters without control characters, '/' or '\\', and not '.' or '..'");
        }
        return id;
    }

    /**
     * Tells whether {@link #checkId(String)} accepts an id.
     *
     * @param id the id, possibly null
     * @return true when acceptable
     */
    public static boolean isValidId(@Nullable String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH || id.equals(".") || id.equals("..")) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c) || c == '/' || c == '\\' || Character.isSurrogate(c) && !validSurrogate(id, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
