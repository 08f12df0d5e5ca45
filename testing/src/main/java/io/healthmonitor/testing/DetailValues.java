package io.healthmonitor.testing;

import io.healthmonitor.Redactor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds and compares detail values the way a reader of a report means them: numbers by value
 * (an {@code Integer} 10 equals a {@code Long} 10 and a {@code Double} 10.0), lists and maps element by element.
 */
final class DetailValues {

    private DetailValues() {
    }

    /**
     * The outcome of looking a key up: the value, or the keys present where the lookup stopped.
     *
     * @param found   whether the key names a value
     * @param value   the value when found
     * @param present the keys present at the level where the lookup failed
     */
    record Lookup(boolean found, @Nullable Object value, Set<String> present) {
    }

    /**
     * Looks {@code key} up as a literal key first, then as a dotted path into nested maps
     * ({@code pool.active} finds {@code {"pool":{"active":10}}}).
     */
    static Lookup find(Map<String, ?> details, String key) {
        if (details.containsKey(key)) {
            return new Lookup(true, details.get(key), details.keySet());
        }
        Map<?, ?> level = details;
        Set<String> present = details.keySet();
        String[] parts = key.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            if (!level.containsKey(parts[i])) {
                return new Lookup(false, null, present);
            }
            Object next = level.get(parts[i]);
            if (i == parts.length - 1) {
                return new Lookup(true, next, present);
            }
            if (!(next instanceof Map<?, ?> map)) {
                return new Lookup(false, null, present);
            }
            level = map;
            present = keys(map);
        }
        return new Lookup(false, null, present);
    }

    /**
     * Explains why {@code details} lacks {@code key} = {@code expected}, or returns null when it has it.
     * The explanation completes "to have detail ...".
     */
    static @Nullable String mismatch(Map<String, ?> details, String key, @Nullable Object expected) {
        Lookup lookup = find(details, key);
        if (!lookup.found()) {
            return "to have detail \"" + key + "\" = " + describe(expected)
                    + " but there is no such key; keys present: " + lookup.present();
        }
        if (!matches(expected, lookup.value())) {
            return "to have detail \"" + key + "\" = " + describe(expected) + " but it was " + describeActual(key, lookup.value());
        }
        return null;
    }

    /** Whether {@code actual} has the value {@code expected} means, comparing numbers numerically. */
    static boolean matches(@Nullable Object expected, @Nullable Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Number left && actual instanceof Number right) {
            return sameNumber(left, right);
        }
        if (expected instanceof List<?> left && actual instanceof List<?> right) {
            if (left.size() != right.size()) {
                return false;
            }
            Iterator<?> other = right.iterator();
            for (Object item : left) {
                if (!matches(item, other.next())) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Map<?, ?> left && actual instanceof Map<?, ?> right) {
            if (!left.keySet().equals(right.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> entry : left.entrySet()) {
                if (!matches(entry.getValue(), right.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    /**
     * Renders a value a check produced for a failure message: masked whole when its key names a secret,
     * its texts masked with {@link Redactor} otherwise, as the engine masks details in a report.
     */
    static String describeActual(String key, @Nullable Object value) {
        return describe(maskedValue(key, value));
    }

    /** Returns a copy of {@code details} masked as {@link #describeActual} masks one value, for failure messages. */
    static Map<String, Object> masked(Map<String, ?> details) {
        Map<String, Object> copy = new LinkedHashMap<>();
        details.forEach((key, value) -> copy.put(key, maskedValue(key, value)));
        return copy;
    }

    private static @Nullable Object maskedValue(@Nullable Object key, @Nullable Object value) {
        if (value != null && key instanceof String name && Redactor.isSecretName(name)) {
            return Redactor.MASK;
        }
        if (value instanceof String text) {
            return Redactor.redact(text);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(maskedValue(null, item)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((name, item) -> copy.put(name, maskedValue(name, item)));
            return copy;
        }
        return value;
    }

    /** Renders a value as JSON, with its type where the type matters to a failure: {@code 10 (Long)}. */
    static String describe(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value + " (" + value.getClass().getSimpleName() + ")";
        }
        return JsonBody.write(value);
    }

    private static boolean sameNumber(Number left, Number right) {
        BigDecimal a = decimal(left);
        BigDecimal b = decimal(right);
        if (a == null || b == null) {
            // NaN or an infinity: only the same special value matches.
            return Double.compare(left.doubleValue(), right.doubleValue()) == 0;
        }
        return a.compareTo(b) == 0;
    }

    private static @Nullable BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
            return null;
        }
        try {
            // toString keeps a Float's own digits (0.1f is 0.1, not 0.100000001...).
            return new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            return Double.isFinite(number.doubleValue()) ? BigDecimal.valueOf(number.doubleValue()) : null;
        }
    }

    private static Set<String> keys(Map<?, ?> map) {
        Set<String> names = new LinkedHashSet<>();
        map.keySet().forEach(key -> names.add(Objects.toString(key)));
        return names;
    }
}
