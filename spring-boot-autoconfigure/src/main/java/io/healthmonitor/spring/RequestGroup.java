package io.healthmonitor.spring;

import org.jspecify.annotations.Nullable;

/**
 * The Actuator health group that the current thread is answering, handed from the group (which
 * Actuator asks first) to the contributor registry (which Actuator iterates next, on the same
 * thread), so that one request takes one report of that group's checks rather than of all.
 */
final class RequestGroup {

    /** The marker of the primary group, {@code /actuator/health}: every check. */
    static final String ALL = "";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestGroup() {
    }

    static void set(String group) {
        CURRENT.set(group);
    }

    /** Returns and clears the marker: null when no group set one (a report of every check then). */
    static @Nullable String take() {
        String group = CURRENT.get();
        CURRENT.remove();
        return group;
    }
}
