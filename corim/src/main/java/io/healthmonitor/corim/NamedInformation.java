package io.healthmonitor.corim;

import java.util.List;

/**
 * The IANA "Named Information Hash Algorithm Registry" (RFC 6920 §9.4), which CoRIM digests use
 * for their algorithm identifiers (draft-ietf-rats-corim §7.7): numeric id, name, digest length.
 */
final class NamedInformation {

    /** One registered algorithm. */
    private record Algorithm(long id, String name, int lengthBytes) {
    }

    private static final List<Algorithm> REGISTRY = List.of(
            new Algorithm(1, "sha-256", 32),
            new Algorithm(2, "sha-256-128", 16),
            new Algorithm(3, "sha-256-120", 15),
            new Algorithm(4, "sha-256-96", 12),
            new Algorithm(5, "sha-256-64", 8),
            new Algorithm(6, "sha-256-32", 4),
            new Algorithm(7, "sha-384", 48),
            new Algorithm(8, "sha-512", 64),
            new Algorithm(9, "sha3-224", 28),
            new Algorithm(10, "sha3-256", 32),
            new Algorithm(11, "sha3-384", 48),
            new Algorithm(12, "sha3-512", 64));

    /** The registry by id, for the lookup of every digest; made from {@link #REGISTRY}. */
    private static final Algorithm[] BY_ID = byId();

    private NamedInformation() {
    }

    private static Algorithm[] byId() {
        long max = REGISTRY.stream().mapToLong(Algorithm::id).max().orElse(0);
        Algorithm[] table = new Algorithm[(int) max + 1];
        REGISTRY.forEach(a -> table[(int) a.id()] = a);
        return table;
    }

    /** Digest length in bytes for a registered id, or -1. */
    static int lengthOf(long id) {
        Algorithm a = id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
        return a == null ? -1 : a.lengthBytes();
    }

    /** Registered id for a name such as {@code sha-256}, or -1. */
    static long idOf(String name) {
        for (Algorithm a : REGISTRY) {
            if (a.name().equals(name)) {
                return a.id();
            }
        }
        return -1;
    }

    /** The name and id of a registered algorithm, such as {@code sha-256 (1)}, or the id alone. */
    static String nameOf(long id) {
        for (Algorithm a : REGISTRY) {
            if (a.id() == id) {
                return a.name() + " (" + id + ")";
            }
        }
        return Long.toString(id);
    }
}
