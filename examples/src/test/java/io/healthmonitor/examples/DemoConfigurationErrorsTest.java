package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Configuration errors are reported by the variable's name, never by repeating its value: a
 * malformed URL with a password, printed on stderr with a stack trace, leaked the password before.
 */
class DemoConfigurationErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "REDIS_URL      | redis://:pass word-hunter2@cache:6379   | REDIS_URL is not a Redis URL",
            "DATABASE_URL   | jdbc:nosuchdb://app:hunter2@db/app      | DATABASE_URL cannot be used",
            "NATS_URL       | nats://app:hunter2@bad host:4222        | NATS_URL is not a NATS URL",
            "HTTP_ENDPOINTS | http://admin:hunter2@bad host/health    | HTTP_ENDPOINTS has an entry that is not a URL",
    })
    void namesTheVariableAndNeverTheSecret(String variable, String value, String message) throws Exception {
        assertThatThrownBy(() -> DemoService.start(Map.of("PORT", "0", variable, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));

        // As an operator sees it: the process, its exit code and everything it printed.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                DemoService.class.getName())).redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        builder.environment().put(variable, value);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("demo: " + message).doesNotContain("hunter2").doesNotContain("\tat ");
    }
}
