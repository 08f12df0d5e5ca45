package io.healthmonitor.redis;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code field:value} lines of an {@code INFO} or {@code CLUSTER INFO} reply. Section headers
 * ({@code # Memory}) and blank lines are skipped. Immutable.
 */
final class RedisInfo {

    private final Map<String, String> fields;

    private RedisInfo(Map<String, String> fields) {
        this.fields = fields;
    }

    static RedisInfo parse(@Nullable String text) {
        Map<String, String> fields = new HashMap<>();
        if (text != null) {
            for (String line : text.split("\r?\n")) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
        }
        return new RedisInfo(Map.copyOf(fields));
    }

    @Nullable String text(String field) {
        return fields.get(field);
    }

    /** Returns the field as a number, or -1 when it is absent or not a number (older servers lack some fields). */
    long number(String field) {
        String value = fields.get(field);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Returns the {@code count=} of an {@code errorstats} line such as {@code errorstat_OOM:count=3},
     * or 0 when Redis reported no such error (or is older than 6.2, which has no error stats).
     */
    long errorCount(String prefix) {
        String value = fields.get("errorstat_" + prefix);
        if (value == null) {
            return 0;
        }
        for (String part : value.split(",")) {
            if (part.startsWith("count=")) {
                try {
                    return Long.parseLong(part.substring("count=".length()));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
