package io.healthmonitor;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the JSON of each check's latest result, so that a detailed report served from cached
 * results (most of them: see {@link Schedule}) writes only its own three fields and copies the
 * checks' JSON. A result is rendered again only when it is a new one: the cache compares results by
 * identity, so it never serves the JSON of a result other than the one in the report.
 *
 * <p>Holds one entry per check name it was given, the latest; thread-safe. An endpoint keeps one
 * for the monitor it serves.
 */
public final class CheckJsonCache {

    private record Rendered(CheckResult result, byte[] json) {
    }

    private final ConcurrentHashMap<String, Rendered> byName = new ConcurrentHashMap<>();

    /**
     * Renders the detailed report, as {@link HealthJson#detailed(HealthReport)} does.
     *
     * @param report the report
     * @return UTF-8 JSON, a new array
     */
    public byte[] detailed(HealthReport report) {
        return HealthJson.detailed(report, this::rendered);
    }

    /**
     * Renders one check, as {@link HealthJson#check(CheckResult)} does.
     *
     * @param check the check's result
     * @return UTF-8 JSON, a new array
     */
    public byte[] check(CheckResult check) {
        return rendered(check).clone();
    }

    /** The shared JSON of a result: the caller copies it, never changes it. */
    private byte[] rendered(CheckResult check) {
        Objects.requireNonNull(check, "check");
        Rendered last = byName.get(check.name());
        if (last != null && last.result() == check) {
            return last.json();
        }
        byte[] json = HealthJson.check(check);
        byName.put(check.name(), new Rendered(check, json));
        return json;
    }
}
