package io.healthmonitor.corim;

/**
 * The IANA "Named Information Hash Algorithm Registry" (RFC 6920 §9.4), which CoRIM digests use
 * for their algorithm identifiers (draft-ietf-rats-corim §7.7): numeric id, name, digest length.
 */
final class NamedInformation {

    private static final String[] NAMES = {null, "sha-256", "sha-256-128", "sha-256-120", "sha-256-96",
        "sha-256-64", "sha-256-32", "sha-384", "sha-512", "sha3-224", "sha3-256", "sha3-384", "sha3-512"};
    private static final int[] LENGTHS = {-1, 32, 16, 15, 12, 8, 4, 48, 64, 28, 32, 48, 64};

    private NamedInformation() {
    }

    /** Digest length in bytes for a registered id, or -1. */
    static int lengthOf(long id) {
        return id > 0 && id < LENGTHS.length ? LENGTHS[(int) id] : -1;
    }

    /** Registered id for a name such as {@code sha-256}, or -1. */
    static long idOf(String name) {
        for (int i = 1; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static String nameOf(long id) {
        return id > 0 && id < NAMES.length ? NAMES[(int) id] + " (" + id + ")" : Long.toString(id);
    }
}
