package io.healthmonitor.corim.service;

/**
 * Thrown by a {@link CorimProfileStore} when its backing store cannot be reached, fails, does
 * not answer within its command timeout, or holds a profile it cannot read (one edited by hand:
 * the message names its key). Nothing is half-written when it is thrown by a write:
 * the write happened in full or not at all, and the caller cannot tell which.
 */
public class CorimStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, without credentials
     * @param cause the underlying failure, or null
     */
    public CorimStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
