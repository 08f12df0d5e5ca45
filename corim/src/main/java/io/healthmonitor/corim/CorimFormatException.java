package io.healthmonitor.corim;

/**
 * Thrown when the input cannot be read as a single well-formed CBOR data item within the
 * configured {@link CorimLimits}: truncated or malformed CBOR, bytes after the top-level item,
 * or a size, depth, item-count or string-length limit exceeded. This is the only exception the
 * decoder throws; rule violations of readable input are reported as {@link CorimProblem}s.
 */
public final class CorimFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final long offset;

    /**
     * Creates the exception.
     *
     * @param code a stable machine code such as {@code cbor.malformed}
     * @param offset the byte offset where reading failed, or -1 when unknown
     * @param message a human explanation
     * @throws NullPointerException if {@code code} or {@code message} is null
     */
    public CorimFormatException(String code, long offset, String message) {
        super(java.util.Objects.requireNonNull(message, "message"));
        this.code = java.util.Objects.requireNonNull(code, "code");
        this.offset = offset;
    }

    /**
     * Returns the machine code, one of {@code cbor.malformed}, {@code cbor.trailing-bytes},
     * {@code cbor.unsupported-key}, {@code limit.size}, {@code limit.depth}, {@code limit.items},
     * {@code limit.string-length}.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * Returns the byte offset in the input where reading failed.
     *
     * @return the offset, or -1 when unknown
     */
    public long offset() {
        return offset;
    }
}
