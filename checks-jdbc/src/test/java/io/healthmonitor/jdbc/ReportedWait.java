package io.healthmonitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The time a check's message says it waited ("... within 412 ms ..."), read back for assertions. */
final class ReportedWait {

    private static final Pattern WITHIN = Pattern.compile(" within (\\d+) ms");

    private ReportedWait() {
    }

    static long millis(String message) {
        Matcher within = WITHIN.matcher(message);
        assertThat(within.find()).as("a message that says how long it waited: %s", message).isTrue();
        return Long.parseLong(within.group(1));
    }

    /**
     * Asserts that the check waited until just before the deadline: its client timeout is the
     * deadline less a margin of at most a tenth, so most of the deadline, never all of it.
     */
    static void assertMostOf(Duration deadline, String message) {
        assertThat(millis(message)).as("the wait given in: %s", message)
                .isBetween(deadline.toMillis() * 3 / 4, deadline.toMillis() - 1);
    }
}
