package io.healthmonitor.corim;

/**
 * Resource limits applied while decoding untrusted input. Every limit is checked before the
 * corresponding memory is committed, so hostile input ends in a {@link CorimFormatException}
 * rather than an out-of-memory error, a stack overflow or a long loop.
 *
 * @param maxInputBytes largest accepted input, in bytes
 * @param maxDepth deepest nesting of arrays, maps and tags, counted across embedded CBOR
 * @param maxItems most data items in one input, counted across embedded CBOR
 * @param maxStringBytes longest single byte or text string, in bytes
 * @param maxProblems most problems reported; further problems are summarised by one last problem
 * @param maxListed most tags, entities and roles of one entity listed in a result; further tags and
 *     entities are only counted ({@link CorimValidationResult#tagsNotListed()},
 *     {@link CorimValidationResult#entitiesNotListed()}), so that the result of a large input of
 *     small items stays small
 */
public record CorimLimits(int maxInputBytes, int maxDepth, int maxItems, int maxStringBytes, int maxProblems,
        int maxListed) {

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException if any limit is not positive
     */
    public CorimLimits {
        requirePositive(maxInputBytes, "maxInputBytes");
        requirePositive(maxDepth, "maxDepth");
        requirePositive(maxItems, "maxItems");
        requirePositive(maxStringBytes, "maxStringBytes");
        requirePositive(maxProblems, "maxProblems");
        requirePositive(maxListed, "maxListed");
        if (maxDepth > 1_000) {
            throw new IllegalArgumentException("maxDepth must be <= 1000");
        }
    }

    /**
     * Safe defaults for profiles uploaded over a network: 4 MiB input, depth 64, 500,000 items,
     * 1 MiB strings, 100 problems, 100 tags and entities listed.
     *
     * @return the default limits
     */
    public static CorimLimits defaults() {
        return new CorimLimits(4 * 1024 * 1024, 64, 500_000, 1024 * 1024, 100, 100);
    }

    /**
     * Returns a copy with another input size limit.
     *
     * @param bytes the new limit
     * @return the new limits
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public CorimLimits withMaxInputBytes(int bytes) {
        return new CorimLimits(bytes, maxDepth, maxItems, maxStringBytes, maxProblems, maxListed);
    }

    /**
     * Returns a copy with another nesting depth limit.
     *
     * @param depth the new limit
     * @return the new limits
     * @throws IllegalArgumentException if {@code depth} is not in 1..1000
     */
    public CorimLimits withMaxDepth(int depth) {
        return new CorimLimits(maxInputBytes, depth, maxItems, maxStringBytes, maxProblems, maxListed);
    }

    /**
     * Returns a copy with another item count limit.
     *
     * @param items the new limit
     * @return the new limits
     * @throws IllegalArgumentException if {@code items} is not positive
     */
    public CorimLimits withMaxItems(int items) {
        return new CorimLimits(maxInputBytes, maxDepth, items, maxStringBytes, maxProblems, maxListed);
    }

    /**
     * Returns a copy with another string length limit.
     *
     * @param bytes the new limit
     * @return the new limits
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public CorimLimits withMaxStringBytes(int bytes) {
        return new CorimLimits(maxInputBytes, maxDepth, maxItems, bytes, maxProblems, maxListed);
    }

    /**
     * Returns a copy with another limit of tags, entities and roles listed in a result.
     *
     * @param listed the new limit
     * @return the new limits
     * @throws IllegalArgumentException if {@code listed} is not positive
     */
    public CorimLimits withMaxListed(int listed) {
        return new CorimLimits(maxInputBytes, maxDepth, maxItems, maxStringBytes, maxProblems, listed);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0");
        }
    }
}
