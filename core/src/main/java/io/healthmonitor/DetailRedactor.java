package io.healthmonitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@link Redactor} to every text in a result's details, nested lists and maps included, and
 * cuts it as a message is ({@link CheckResult#shown}); masks the whole value of every key that names
 * a secret ({@code "password": "..."}, of any type).
 */
final class DetailRedactor {

    private DetailRedactor() {
    }

    static Map<String, Object> redact(Map<String, Object> details) {
        if (details.isEmpty()) {
            return details;
        }
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.replaceAll(DetailRedactor::redactEntry);
        return copy;
    }

    private static Object redactEntry(Object key, Object value) {
        return value != null && key instanceof String name && Redactor.isSecretName(name) ? Redactor.MASK : redactValue(value);
    }

    private static Object redactValue(Object value) {
        if (value instanceof String text) {
            return CheckResult.shown(text);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DetailRedactor::redactValue).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            copy.replaceAll(DetailRedactor::redactEntry);
            return copy;
        }
        return value;
    }
}
