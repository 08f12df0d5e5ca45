package io.healthmonitor.corim;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code digest = [ alg: int / text, val: bytes ]} and {@code digests-type = [ + digest ]} (§7.7,
 * after draft-ietf-rats-eat-measured-component): the algorithm is a Named Information hash
 * algorithm, a registered one fixes the value's length, and a list names each algorithm once.
 */
final class Digests {

    /** Position of the algorithm in a digest. */
    static final int ALG = 0;
    /** Position of the value in a digest. */
    static final int VALUE = 1;
    private static final int DIGEST_SIZE = 2;
    /** Digest lists are short: a linear scan for a repeated algorithm beats hashing up to this length. */
    private static final int LINEAR_SCAN = 16;

    /** {@code [ + digest ]}. */
    static final ValueType LIST = (v, d, p, rule) -> list(v, d, p);

    /** {@code digest / [ + digest ]}, as a locator's thumbprint. */
    static final ValueType ONE_OR_LIST = (v, d, p, rule) -> {
        if (d.is(CborItem.Type.ARRAY) && d.items.length > 0 && d.items[0].type == CborItem.Type.ARRAY) {
            list(v, d, p);
        } else {
            one(v, d, p);
        }
    };

    private Digests() {
    }

    /** Checks {@code [ + digest ]} with unique algorithms. */
    static void list(Validation v, CborItem d, Path p) {
        if (!v.array(d, p, Rule.DIGEST, true)) {
            return;
        }
        int n = d.items.length;
        Map<Object, Integer> seen = n > LINEAR_SCAN ? new HashMap<>() : null;
        for (int i = 0; i < n; i++) {
            Object alg = one(v, d.items[i], p.add(i));
            if (alg == null) {
                continue;
            }
            Integer first = null;
            if (seen != null) {
                first = seen.putIfAbsent(alg, i);
            } else {
                for (int j = 0; j < i; j++) {
                    if (alg.equals(algorithm(d.items[j]))) {
                        first = j;
                        break;
                    }
                }
            }
            if (first != null) {
                Integer also = first;
                v.report(Code.DIGEST_DUPLICATE_ALG, p.add(i), Rule.DIGEST, () -> "hash algorithm " + alg
                        + " appears twice in digests (also at index " + also + "); algorithms must be unique");
            }
        }
    }

    /** The algorithm of a digest as {@link #body} returns it, without reporting anything; null when unreadable. */
    private static @Nullable Object algorithm(CborItem d) {
        return d.is(CborItem.Type.ARRAY) && d.items.length == DIGEST_SIZE ? algorithmOf(d.items[ALG]) : null;
    }

    /** A registered algorithm's id (Long), an unregistered name (String), or null when not int / text. */
    private static @Nullable Object algorithmOf(CborItem alg) {
        if (alg.isPlainInt()) {
            return alg.longValue;
        }
        if (alg.isText()) {
            long id = NamedInformation.idOf(alg.text());
            return id < 0 ? alg.text() : (Object) id;
        }
        return null;
    }

    /** Checks one untagged digest; returns its algorithm (a Long id, or the text of an unregistered name) or null. */
    static @Nullable Object one(Validation v, CborItem d, Path p) {
        if (!v.array(d, p, Rule.DIGEST, false)) {
            return null;
        }
        return body(v, d, p);
    }

    /** Checks {@code [alg, val]} whatever the tags on the array: the thumbprint key types are tagged digests. */
    static @Nullable Object body(Validation v, CborItem d, Path p) {
        if (d.type != CborItem.Type.ARRAY) {
            v.mismatch(d, p, Rule.DIGEST, "[alg, val]");
            return null;
        }
        if (d.items.length != DIGEST_SIZE) {
            v.report(Code.TYPE_MISMATCH, p, Rule.DIGEST, () -> "digest must be [alg, val], found " + d.items.length + " elements");
            return null;
        }
        CborItem alg = d.items[ALG];
        CborItem val = d.items[VALUE];
        Object algKey = algorithmOf(alg);
        if (algKey == null) {
            v.mismatch(alg, p.add(ALG), Rule.DIGEST, "int or text hash algorithm identifier");
            return null;
        }
        // Algorithms outside the registry are allowed by the CDDL (int / text); their length is unknown.
        int expected = algKey instanceof Long id ? NamedInformation.lengthOf(id) : -1;
        if (!val.isBytes()) {
            v.mismatch(val, p.add(VALUE), Rule.DIGEST, "byte string digest value");
            return algKey;
        }
        if (expected >= 0 && val.byteLength() != expected) {
            v.report(Code.DIGEST_LENGTH_MISMATCH, p.add(VALUE), Rule.DIGEST, () -> "digest for "
                    + NamedInformation.nameOf((Long) algKey) + " must be " + expected + " bytes, found " + val.byteLength());
        }
        return algKey;
    }
}
