package io.healthmonitor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Validates and copies result details, so every value that reaches JSON is JSON-safe: common value
 * types that have an obvious text (temporal values as ISO-8601, UUIDs, URIs, enum constants) are
 * stored as that text; anything else without an obvious JSON form is refused with a message that
 * names the key and the type.
 */
final class Details {

    private Details() {
    }

    static Map<String, Object> copy(Map<String, ?> details) {
        if (details.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>(details.size() * 2);
        details.forEach((key, value) -> {
            Objects.requireNonNull(key, "detail key");
            if (key.isBlank()) {
                throw new IllegalArgumentException("detail key must not be blank");
            }
            copy.put(key, jsonSafe(key, value));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Object jsonSafe(String path, @Nullable Object value) {
        if (value == null) {
            throw new NullPointerException("detail '" + path + "' must not be null");
        }
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof TemporalAccessor || value instanceof TemporalAmount || value instanceof UUID
                || value instanceof URI) {
            return value.toString(); // ISO-8601 for Instant, Duration, dates; the canonical text for the others
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException("detail '" + path + "' must be a finite number, was " + value);
            }
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(jsonSafe(path + "[" + i + "]", list.get(i)));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
            map.forEach((key, nested) -> {
                if (!(key instanceof String name)) {
                    throw new IllegalArgumentException("detail '" + path + "' must have String keys, found " + key);
                }
                copy.put(name, jsonSafe(path + "." + name, nested));
            });
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException("detail '" + path + "' must be a String, Boolean, Number, List, Map,"
                + " temporal value (Instant, Duration, ...), UUID, URI or enum, was " + value.getClass().getName()
                + ": convert it to one of these, for example with toString()");
    }
}
