package io.healthmonitor.corim;

import java.util.Objects;

/**
 * One reason why a CoRIM was not accepted.
 *
 * @param code a stable machine code such as {@code digest.length-mismatch}; see docs/corim.md
 * @param path a JSON-pointer-like location such as {@code /tags/0/triples/0/0/1/0/mval/digests/1}
 * @param message a human explanation naming the rule and the draft section
 */
public record CorimProblem(String code, String path, String message) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is null
     */
    public CorimProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Creates a problem.
     *
     * @param code the machine code
     * @param path the location
     * @param message the explanation
     * @return the problem
     * @throws NullPointerException if any argument is null
     */
    public static CorimProblem of(String code, String path, String message) {
        return new CorimProblem(code, path, message);
    }

    @Override
    public String toString() {
        return code + " at " + (path.isEmpty() ? "/" : path) + ": " + message;
    }
}
