package io.healthmonitor.spring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Makes an Actuator indicator's details acceptable to the engine, which takes JSON values only:
 * text, numbers, booleans, lists and maps pass (recursively); nulls are left out; anything else is
 * its {@code toString()}. Bounded in depth, so that a cyclic structure cannot loop.
 */
final class JsonSafe {

    private static final int MAX_DEPTH = 8;

    private JsonSafe() {
    }

    static Map<String, Object> details(Map<String, Object> details) {
        Map<String, Object> copy = new LinkedHashMap<>();
        details.forEach((key, value) -> {
            Object safe = value(value, 0);
            if (key != null && !key.isBlank() && safe != null) {
                copy.put(key, safe);
            }
        });
        return copy;
    }

    private static @Nullable Object value(@Nullable Object value, int depth) {
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof java.math.BigInteger
                || value instanceof java.math.BigDecimal) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? value : value.toString();
        }
        if (depth >= MAX_DEPTH) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, nested) -> {
                Object safe = value(nested, depth + 1);
                if (key != null && !String.valueOf(key).isBlank() && safe != null) {
                    copy.put(String.valueOf(key), safe);
                }
            });
            return copy;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            for (Object element : collection) {
                Object safe = value(element, depth + 1);
                if (safe != null) {
                    copy.add(safe);
                }
            }
            return copy;
        }
        return value.toString();
    }
}
