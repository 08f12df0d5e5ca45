package io.healthmonitor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthmonitor.HealthStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class JsonHealthAssertTest {

    /** A detailed report as the contract of issue 3 describes it, written by hand. */
    private static final String DETAILED = """
            {"overallStatus":"degraded","timestamp":"2025-01-01T10:00:00Z","duration":12.5,"checks":[
              {"name":"database","status":"healthy","critical":true,"responseTime":3.25,
               "timestamp":"2025-01-01T10:00:00.001Z","details":{"pool":{"active":10,"idle":2},"url":"jdbc:postgresql://***@db/app"},
               "tags":["readiness"]},
              {"name":"cache","status":"unhealthy","critical":false,"responseTime":1000,
               "timestamp":"2025-01-01T10:00:01Z","message":"timed out after 1000 ms",
               "error":"java.net.SocketTimeoutException: Read timed out"}
            ]}""";

    private static final String SUMMARY = "{\"status\":\"healthy\"}";

    private static final String SUMMARY_WITH_CHECKS = "{\"status\":\"unhealthy\",\"checks\":{\"database\":\"unhealthy\",\"cache\":\"healthy\"}}";

    @Test
    void readsTheOverallStatusOfADetailedReportAndOfASummary() {
        HealthAssertions.assertThatJson(DETAILED).hasOverallStatus(HealthStatus.DEGRADED).isDegraded();
        HealthAssertions.assertThatJson(SUMMARY).hasOverallStatus(HealthStatus.HEALTHY).isHealthy();
        HealthAssertions.assertThatJson(SUMMARY_WITH_CHECKS).isUnhealthy();
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the JSON health body to have overallStatus \"healthy\" but it was \"degraded\"")
                .hasMessageContaining("body: {\"overallStatus\":\"degraded\"");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(SUMMARY).isUnhealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have status \"unhealthy\" but it was \"healthy\"");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(SUMMARY).isDegraded())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have status \"degraded\" but it was \"healthy\"");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson("{\"state\":\"up\"}").isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have an overallStatus (or, for a summary, a status) field but it has neither; "
                        + "keys present: [state]");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson("{\"status\":\"UP\"}").isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have status \"healthy\" but it was \"UP\"");
    }

    @Test
    void hasCheckAssertsOnOneCheckOfTheReport() {
        HealthAssertions.assertThatJson(DETAILED).hasCheck("database")
                .withStatus(HealthStatus.HEALTHY).isHealthy()
                .withDetail("pool.active", 10)
                .withDetail("pool.active", 10L)
                .withDetail("pool", Map.of("active", 10, "idle", 2L))
                .withoutDetail("pool.waiting")
                .withoutMessage()
                .withoutError()
                .respondedWithin(Duration.ofMillis(4))
                .isCritical()
                .withTag("readiness");
        HealthAssertions.assertThatJson(DETAILED).hasCheck("cache")
                .isUnhealthy()
                .withMessage("timed out after 1000 ms")
                .withMessageContaining("timed out")
                .withErrorContaining("SocketTimeoutException")
                .respondedWithin(Duration.ofSeconds(1))
                .isNotCritical();
    }

    @Test
    void checkFailuresNameTheCheckAndShowItsJson() {
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("cache").withStatus(HealthStatus.HEALTHY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting check \"cache\" in the JSON body to have status \"healthy\" but it was \"unhealthy\"")
                .hasMessageContaining("check \"cache\": {\"name\":\"cache\",\"status\":\"unhealthy\",\"critical\":false,"
                        + "\"responseTime\":1000,\"timestamp\":\"2025-01-01T10:00:01Z\",\"message\":\"timed out after 1000 ms\","
                        + "\"error\":\"java.net.SocketTimeoutException: Read timed out\"}");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("cache").isDegraded())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have status \"degraded\"");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("database").isUnhealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have status \"unhealthy\" but it was \"healthy\"");
    }

    @Test
    void jsonDetailFailuresSayWhatIsMissingOrDifferent() {
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("database").withDetail("pool.active", 11))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting check \"database\" in the JSON body to have detail \"pool.active\" = 11 (Integer) "
                        + "but it was 10 (Integer)");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("database").withDetail("pool.max", 20))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no such key; keys present: [active, idle]");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("cache").withDetail("latencyMillis", 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no such key; keys present: []");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("database").withoutDetail("pool.idle"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have no detail \"pool.idle\" but it was 2 (Integer)");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(
                "{\"overallStatus\":\"healthy\",\"checks\":[{\"name\":\"db\",\"status\":\"healthy\",\"details\":[1]}]}")
                .hasCheck("db").withDetail("x", 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have a details object but it was [1]");
    }

    @Test
    void jsonMessageErrorTimeCriticalAndTagFailures() {
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("cache").withMessage("down"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have message \"down\" but it was \"timed out after 1000 ms\"");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("database").withMessageContaining("ok"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have a message containing \"ok\" but it was absent");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("cache").withoutMessage())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have no message field but it was \"timed out after 1000 ms\"");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("database").withErrorContaining("Exception"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have an error containing \"Exception\" but it was absent");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("cache").withoutError())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have no error field but it was \"java.net.SocketTimeoutException: Read timed out\"");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("database").respondedWithin(Duration.ofMillis(3)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to respond within 3 ms but its responseTime was 3.25 ms");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(SUMMARY_WITH_CHECKS).hasCheck("cache")
                .respondedWithin(Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have a numeric responseTime but it was absent");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("cache").isCritical())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting check \"cache\" in the JSON body to be critical but its critical field was false");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("database").isNotCritical())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be non-critical but its critical field was true");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("cache").withTag("readiness"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have tag \"readiness\" but its tags were absent");
    }

    @Test
    void checkNamesMustBePresentOrAbsent() {
        HealthAssertions.assertThatJson(DETAILED).hasChecks("cache", "database").doesNotHaveCheck("queue");
        HealthAssertions.assertThatJson(SUMMARY).doesNotHaveCheck("database");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasCheck("queue"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have a check named \"queue\" but its checks are [database, cache]");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasChecks("database", "queue"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have checks [database, queue] but [queue] is missing; its checks are [database, cache]");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).doesNotHaveCheck("cache"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not to have a check named \"cache\" but it has one");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(SUMMARY).hasCheck("database"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have checks but it has no checks field; keys present: [status]");
    }

    @Test
    void aSummaryWithChecksMapsNamesToStatuses() {
        HealthAssertions.assertThatJson(SUMMARY_WITH_CHECKS).hasChecks("database", "cache")
                .hasCheck("database").isUnhealthy();
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(SUMMARY_WITH_CHECKS).hasCheck("cache").isDegraded())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("check \"cache\": {\"name\":\"cache\",\"status\":\"healthy\"}");
    }

    @Test
    void hasNoDetailsAcceptsOnlyABareStatus() {
        HealthAssertions.assertThatJson(SUMMARY).hasNoDetails();
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(SUMMARY_WITH_CHECKS).hasNoDetails())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be a summary with only a \"status\" field but its fields are [status, checks]");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(DETAILED).hasNoDetails())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but its fields are [overallStatus, timestamp, duration, checks]");
    }

    @Test
    void doesNotContainSearchesTheRawBody() {
        HealthAssertions.assertThatJson(DETAILED).doesNotContain("secret", "password=");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson("{\"status\":\"healthy\",\"url\":\"redis://:s3cret@h\"}")
                .doesNotContain("password", "s3cret"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not to contain any of the 2 values given but it contains value 2 (6 characters)"
                        + " at index 36")
                .hasMessageContaining("body (the values masked): {\"status\":\"healthy\",\"url\":\"redis://:***@h\"}")
                .message().doesNotContain("s3cret");   // a failing build must not print the secret it found
        HealthAssertions.assertThatJson("not json at all").doesNotContain("secret");
    }

    @Test
    void malformedJsonFailsShowingTheBody() {
        for (String body : List.of("{\"status\":\"healthy\"", "{\"status\":healthy}", "", "{\"status\":\"healthy\"} trailing",
                "{\"status\":\"healthy\",\"status\":\"unhealthy\"}")) {
            assertThatThrownBy(() -> HealthAssertions.assertThatJson(body).isHealthy())
                    .as(body)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expecting a JSON health body but it is not valid JSON: ")
                    .hasMessageContaining("body: " + body);
        }
        assertThatThrownBy(() -> HealthAssertions.assertThatJson("[\"healthy\"]").isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting a JSON health body to be an object but it is [\"healthy\"]");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(null).isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
    }

    @Test
    void isDetailedReportChecksTheContract() {
        HealthAssertions.assertThatJson(DETAILED).isDetailedReport();
        String broken = """
                {"overallStatus":"UP","timestamp":"yesterday","checks":[
                  {"name":"database","status":"healthy","message":null,"responseTime":"3"},
                  {"status":"warn","responseTime":1,"critical":"yes","tags":[1]},
                  42
                ]}""";
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(broken).isDetailedReport())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to keep the detailed report contract but:")
                .hasMessageContaining("- overallStatus must be one of healthy, degraded, unhealthy but was \"UP\"")
                .hasMessageContaining("- timestamp must be an ISO-8601 instant but was \"yesterday\"")
                .hasMessageContaining("- checks[0].responseTime must be a number of milliseconds but was \"3\"")
                .hasMessageContaining("- checks[0].message must be a string (omitted when absent) but was null")
                .hasMessageContaining("- checks[1].name must be a string but was absent")
                .hasMessageContaining("- checks[1].status must be one of healthy, degraded, unhealthy but was \"warn\"")
                .hasMessageContaining("- checks[1].critical must be a boolean but was \"yes\"")
                .hasMessageContaining("- checks[1].tags must be an array of strings (omitted when absent) but was [1]")
                .hasMessageContaining("- checks[2] must be an object but was 42");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(SUMMARY).isDetailedReport())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("- overallStatus must be one of healthy, degraded, unhealthy but was absent")
                .hasMessageContaining("- checks must be an array but was absent");
    }

    @Test
    void asCheckReadsASingleCheckBody() {
        String one = "{\"name\":\"database\",\"status\":\"degraded\",\"critical\":true,\"responseTime\":7,"
                + "\"message\":\"slow: took 7 ms\"}";
        HealthAssertions.assertThatJson(one).asCheck().isDegraded().withMessageContaining("slow").isCritical();
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(one).asCheck().isHealthy())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting check \"database\" in the JSON body to have status \"healthy\" but it was \"degraded\"");
        assertThatThrownBy(() -> HealthAssertions.assertThatJson(SUMMARY).asCheck())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be a check object with a string name but its name was absent");
    }

    @Test
    void failuresMaskTheCredentialsABodyShows() {
        String leaky = """
                {"overallStatus":"healthy","checks":[{"name":"db","status":"unhealthy","responseTime":1,
                 "message":"password=hunter22","details":{"token":"t0k3n","url":"redis://:hunter22@cache:6379"}}]}""";
        for (ThrowingCallable failing : List.<ThrowingCallable>of(
                () -> HealthAssertions.assertThatJson(leaky).isUnhealthy(),
                () -> HealthAssertions.assertThatJson(leaky).hasCheck("db").isHealthy(),
                () -> HealthAssertions.assertThatJson(leaky).hasCheck("db").withDetail("token", "other"),
                () -> HealthAssertions.assertThatJson("[\"password=hunter22\"]").isHealthy())) {
            assertThatThrownBy(failing)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("***")
                    .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("hunter22", "t0k3n"));
        }
    }
}
