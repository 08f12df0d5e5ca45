package io.healthmonitor.corim.service;

/**
 * Thrown by a {@link CorimProfileStore} that refuses a new profile because it holds as many
 * profiles, or as many bytes, as it is allowed to; replacing a stored profile within the limits,
 * or deleting one, makes room. Nothing was written.
 */
public final class CorimStoreFullException extends CorimStoreException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which limit was reached
     */
    public CorimStoreFullException(String message) {
        super(message, null);
    }
}
