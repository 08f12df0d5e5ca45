package io.healthmonitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies {@link Redactor} to every text in a result's details, nested lists and maps included. */
final class DetailRedactor {

    private DetailRedactor() {
    }

    static Map<String, Object> redact(Map<String, Object> details) {
        if (details.isEmpty()) {
            return details;
        }
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.replaceAll((key, value) -> redactValue(value));
        return copy;
    }

    private static Object redactValue(Object value) {
        if (value instanceof String text) {
            return Redactor.redact(text);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DetailRedactor::redactValue).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            copy.replaceAll((key, nested) -> redactValue(nested));
            return copy;
        }
        return value;
    }
}
