package io.healthmonitor.corim;

/**
 * One member of a {@link MapShape}, as the CDDL declares it.
 *
 * @param key the integer key
 * @param name the CDDL name, used in paths and messages
 * @param type what the value must be
 * @param required whether the member must be present
 */
record Member(long key, String name, ValueType type, boolean required) {

    static Member required(long key, String name, ValueType type) {
        return new Member(key, name, type, true);
    }

    static Member optional(long key, String name, ValueType type) {
        return new Member(key, name, type, false);
    }
}
