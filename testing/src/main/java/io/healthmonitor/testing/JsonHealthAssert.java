package io.healthmonitor.testing;

import io.healthmonitor.HealthStatus;
import io.healthmonitor.Redactor;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on a JSON health response body, obtained from {@link HealthAssertions#assertThatJson(String)}.
 *
 * <p>It understands the detailed report,
 * {@code {"overallStatus":"degraded","timestamp":"...","duration":12.5,"checks":[{"name":"database","status":"healthy",...}]}},
 * and the summary, {@code {"status":"healthy"}} (optionally with {@code "checks":{"database":"healthy"}}).
 *
 * <pre>{@code
 * assertThatJson(response.body())
 *     .hasOverallStatus(HealthStatus.DEGRADED)
 *     .doesNotContain("secret")
 *     .hasCheck("database").withStatus(HealthStatus.HEALTHY).withDetail("pool.active", 10);
 * assertThatJson(summary).hasOverallStatus(HealthStatus.HEALTHY).hasNoDetails();
 * }</pre>
 *
 * <p>The body is parsed with jackson-core's streaming parser on the first assertion; a body that is
 * not one well-formed JSON object fails that assertion with the parse problem and the body, never
 * with a parse exception. Every failure shows the body. Not thread-safe, like every AssertJ assert.
 */
public final class JsonHealthAssert extends AbstractAssert<JsonHealthAssert, String> {

    private static final Set<String> STATUS_LABELS = Set.of("healthy", "degraded", "unhealthy");

    private @Nullable Map<String, Object> root;

    /**
     * Creates an assert on a body; prefer {@link HealthAssertions#assertThatJson(String)}.
     *
     * @param body the JSON body, may be null (assertions then fail)
     */
    public JsonHealthAssert(@Nullable String body) {
        super(body, JsonHealthAssert.class);
    }

    /**
     * Verifies the overall status: {@code overallStatus} of a detailed report, or {@code status} of a summary.
     *
     * @param expected the status
     * @return this assert
     * @throws NullPointerException if {@code expected} is null
     */
    public JsonHealthAssert hasOverallStatus(HealthStatus expected) {
        Objects.requireNonNull(expected, "expected");
        Map<String, Object> body = root();
        String field = body.containsKey("overallStatus") ? "overallStatus" : "status";
        if (!body.containsKey(field)) {
            fail("to have an overallStatus (or, for a summary, a status) field but it has neither; keys present: "
                    + body.keySet());
        }
        if (!expected.label().equals(body.get(field))) {
            fail("to have " + field + " \"" + expected.label() + "\" but it was " + JsonBody.write(body.get(field)));
        }
        return this;
    }

    /**
     * Verifies the overall status is healthy.
     *
     * @return this assert
     */
    public JsonHealthAssert isHealthy() {
        return hasOverallStatus(HealthStatus.HEALTHY);
    }

    /**
     * Verifies the overall status is degraded.
     *
     * @return this assert
     */
    public JsonHealthAssert isDegraded() {
        return hasOverallStatus(HealthStatus.DEGRADED);
    }

    /**
     * Verifies the overall status is unhealthy.
     *
     * @return this assert
     */
    public JsonHealthAssert isUnhealthy() {
        return hasOverallStatus(HealthStatus.UNHEALTHY);
    }

    /**
     * Verifies the body lists a check named {@code name} and returns assertions on it. In a
     * summary whose {@code checks} object maps names to statuses, the check has only a name and a status.
     *
     * @param name the check's name
     * @return an assert on the check's JSON object
     * @throws NullPointerException if {@code name} is null
     */
    public JsonCheckAssert hasCheck(String name) {
        Objects.requireNonNull(name, "name");
        Map<String, Map<String, Object>> checks = checks();
        Map<String, Object> check = checks.get(name);
        if (check == null) {
            fail("to have a check named \"" + name + "\" but its checks are " + checks.keySet());
        }
        return new JsonCheckAssert(name, check);
    }

    /**
     * Verifies the body lists checks of all these names, in any order, and maybe others.
     *
     * @param names the checks' names
     * @return this assert
     * @throws NullPointerException if {@code names} or one of them is null
     */
    public JsonHealthAssert hasChecks(String... names) {
        Objects.requireNonNull(names, "names");
        Set<String> present = checks().keySet();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!present.contains(Objects.requireNonNull(name, "name"))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            fail("to have checks " + List.of(names) + " but " + missing + (missing.size() == 1 ? " is" : " are")
                    + " missing; its checks are " + present);
        }
        return this;
    }

    /**
     * Verifies the body lists no check named {@code name}.
     *
     * @param name the name
     * @return this assert
     * @throws NullPointerException if {@code name} is null
     */
    public JsonHealthAssert doesNotHaveCheck(String name) {
        Objects.requireNonNull(name, "name");
        Map<String, Object> body = root();
        if (body.containsKey("checks") && checks().containsKey(name)) {
            fail("not to have a check named \"" + name + "\" but it has one");
        }
        return this;
    }

    /**
     * Verifies the body is a bare summary: a {@code status} field and nothing else, so no check
     * names or details leak.
     *
     * @return this assert
     */
    public JsonHealthAssert hasNoDetails() {
        Map<String, Object> body = root();
        if (!body.keySet().equals(Set.of("status"))) {
            fail("to be a summary with only a \"status\" field but its fields are " + body.keySet());
        }
        return this;
    }

    /**
     * Verifies the raw body contains none of {@code values} anywhere, such as a password or token.
     * Does not need the body to be valid JSON. A failure names the values found by their position in
     * {@code values} and shows the body with every one of them masked as {@code ***}, never the values.
     *
     * @param values texts that must not appear
     * @return this assert
     * @throws NullPointerException if {@code values} or one of them is null
     */
    public JsonHealthAssert doesNotContain(String... values) {
        Objects.requireNonNull(values, "values");
        isNotNull();
        List<String> found = new ArrayList<>();
        String masked = actual;
        for (int i = 0; i < values.length; i++) {
            String value = Objects.requireNonNull(values[i], "value");
            int at = actual.indexOf(value);
            if (at >= 0 && !value.isEmpty()) {
                found.add("value " + (i + 1) + " (" + value.length() + " characters) at index " + at);
                masked = masked.replace(value, "***");
            } else if (at >= 0) {
                found.add("value " + (i + 1) + " (empty) at index 0");
            }
        }
        if (!found.isEmpty()) {
            // The values are what must not leak (passwords, tokens): the failure names them by position
            // and shows the body with them masked, so that a red build does not print them to its log.
            failWithMessage("%s", "Expecting the JSON health body not to contain any of the " + values.length
                    + " values given but it contains " + String.join(", ", found) + System.lineSeparator()
                    + "  body (the values masked): " + masked);
        }
        return this;
    }

    /**
     * Verifies the body keeps the detailed report contract: {@code overallStatus} a status label,
     * {@code checks} an array, every check with a string {@code name}, a {@code status} label and a
     * numeric {@code responseTime}; optional fields of the right type when present ({@code timestamp}s
     * ISO-8601 instants, {@code duration} a number, {@code critical} a boolean, {@code message} and
     * {@code error} strings, {@code details} an object, {@code tags} an array of strings) and
     * omitted rather than null when absent. Every problem is listed in one failure.
     *
     * @return this assert
     */
    public JsonHealthAssert isDetailedReport() {
        Map<String, Object> body = root();
        List<String> problems = new ArrayList<>();
        requireStatus(body, "overallStatus", "", problems);
        optional(body, "timestamp", "", problems);
        optional(body, "duration", "", problems);
        Object checks = body.get("checks");
        if (!(checks instanceof List<?> list)) {
            problems.add("checks must be an array but was " + (body.containsKey("checks") ? JsonBody.write(checks) : "absent"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                String path = "checks[" + i + "].";
                if (!(list.get(i) instanceof Map<?, ?> check)) {
                    problems.add(path.substring(0, path.length() - 1) + " must be an object but was " + JsonBody.write(list.get(i)));
                    continue;
                }
                if (!(check.get("name") instanceof String)) {
                    problems.add(path + "name must be a string but was " + shown(check, "name"));
                }
                requireStatus(check, "status", path, problems);
                if (!(check.get("responseTime") instanceof Number)) {
                    problems.add(path + "responseTime must be a number of milliseconds but was " + shown(check, "responseTime"));
                }
                for (String field : List.of("critical", "timestamp", "message", "details", "error", "tags")) {
                    optional(check, field, path, problems);
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("to keep the detailed report contract but:" + System.lineSeparator() + "  - "
                    + String.join(System.lineSeparator() + "  - ", problems));
        }
        return this;
    }

    /**
     * Treats the whole body as one check's JSON object, as served for a single check, and returns
     * assertions on it.
     *
     * @return an assert on the check
     */
    public JsonCheckAssert asCheck() {
        Map<String, Object> body = root();
        Object name = body.get("name");
        if (!(name instanceof String text)) {
            fail("to be a check object with a string name but its name was " + shown(body, "name"));
            return new JsonCheckAssert("", body);
        }
        return new JsonCheckAssert(text, body);
    }

    private static void requireStatus(Map<?, ?> object, String field, String path, List<String> problems) {
        if (!(object.get(field) instanceof String label && STATUS_LABELS.contains(label))) {
            problems.add(path + field + " must be one of healthy, degraded, unhealthy but was " + shown(object, field));
        }
    }

    private static void optional(Map<?, ?> object, String field, String path, List<String> problems) {
        if (!object.containsKey(field)) {
            return;
        }
        Object value = object.get(field);
        String problem = switch (field) {
            case "timestamp" -> value instanceof String text && isInstant(text) ? null : "must be an ISO-8601 instant";
            case "duration" -> value instanceof Number ? null : "must be a number of milliseconds";
            case "critical" -> value instanceof Boolean ? null : "must be a boolean";
            case "message", "error" -> value instanceof String ? null : "must be a string (omitted when absent)";
            case "details" -> value instanceof Map<?, ?> ? null : "must be an object (omitted when absent)";
            case "tags" -> value instanceof List<?> tags && tags.stream().allMatch(String.class::isInstance) ? null
                    : "must be an array of strings (omitted when absent)";
            default -> null;
        };
        if (problem != null) {
            problems.add(path + field + " " + problem + " but was " + JsonBody.write(value));
        }
    }

    private static boolean isInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String shown(Map<?, ?> object, String field) {
        return object.containsKey(field) ? JsonBody.write(object.get(field)) : "absent";
    }

    /** The checks by name, from a detailed report's array or a summary's name-to-status object. */
    @SuppressWarnings("unchecked") // parsed JSON objects always have String keys
    private Map<String, Map<String, Object>> checks() {
        Map<String, Object> body = root();
        Object checks = body.get("checks");
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        if (checks instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> check && check.get("name") instanceof String name) {
                    byName.putIfAbsent(name, (Map<String, Object>) check);
                }
            }
        } else if (checks instanceof Map<?, ?> statuses) {
            statuses.forEach((name, status) -> {
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("name", name);
                check.put("status", status);
                byName.put((String) name, check);
            });
        } else {
            fail("to have checks but " + (body.containsKey("checks") ? "its checks field is " + JsonBody.write(checks)
                    : "it has no checks field; keys present: " + body.keySet()));
        }
        return byName;
    }

    @SuppressWarnings("unchecked") // parsed JSON objects always have String keys
    private Map<String, Object> root() {
        isNotNull();
        if (root == null) {
            Object parsed;
            try {
                parsed = JsonBody.parse(actual);
            } catch (IOException e) {
                failWithMessage("%s", "Expecting a JSON health body but it is not valid JSON: "
                        + e.getMessage().lines().findFirst().orElse("") + System.lineSeparator() + "  body: " + Redactor.redact(actual));
                return Map.of();
            }
            if (!(parsed instanceof Map<?, ?>)) {
                failWithMessage("%s", "Expecting a JSON health body to be an object but it is "
                        + Redactor.redact(JsonBody.write(parsed)) + System.lineSeparator() + "  body: " + Redactor.redact(actual));
                return Map.of();
            }
            root = (Map<String, Object>) parsed;
        }
        return root;
    }

    private void fail(String expectation) {
        failWithMessage("%s", "Expecting the JSON health body " + expectation + System.lineSeparator() + "  body: " + Redactor.redact(actual));
    }
}
