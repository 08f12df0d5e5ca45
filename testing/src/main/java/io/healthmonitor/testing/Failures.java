package io.healthmonitor.testing;

import java.lang.reflect.UndeclaredThrowableException;

/** Throws a test double's configured failure from {@code check(CheckContext) throws Exception}. */
final class Failures {

    private Failures() {
    }

    static Exception toThrow(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof Exception exception) {
            return exception;
        }
        // A bare Throwable subclass cannot be thrown from check(); this is how Java reports such a failure.
        return new UndeclaredThrowableException(failure);
    }
}
