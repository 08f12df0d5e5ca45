package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthmonitor.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Configuration errors are reported by the variable's name, never by repeating its value: a
 * malformed URL with a password, printed on stderr with a stack trace, leaked the password before;
 * a bad {@code PORT} or {@code TLS_ENDPOINTS} was quoted by NumberFormatException, and a bad
 * {@code HEALTH_BASE_PATH} quoted, after the checks had already run. Every variable is checked
 * before anything starts, and the messages read right after redaction.
 */
class DemoConfigurationErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "REDIS_URL      | redis://:pass word-hunter2@cache:6379   | REDIS_URL is not a Redis URL",
            "DATABASE_URL   | jdbc:nosuchdb://app:hunter2@db/app      | DATABASE_URL cannot be used",
            "NATS_URL       | nats://app:hunter2@bad host:4222        | NATS_URL is not a NATS URL",
            "NATS_URL       | nats://app:hunter2@127.0.0.1:99999      | NATS_URL is not a NATS URL",
            "REDIS_URL      | redis://:hunter2@127.0.0.1:notaport     | REDIS_URL is not a Redis URL",
            "REDIS_URL      | redis://:hunter2@127.0.0.1:0            | REDIS_URL is not a Redis URL",
            "HTTP_ENDPOINTS | http://admin:hunter2@bad host/health    | HTTP_ENDPOINTS has an entry that is not a URL",
            "HTTP_ENDPOINTS | ftp://admin:hunter2@files/health        | HTTP_ENDPOINTS has an entry that is not a URL",
            "PORT           | hunter2                                 | PORT must be a port number from 0 to 65535",
            "PORT           | 65536                                   | PORT must be a port number from 0 to 65535",
            "TLS_ENDPOINTS  | user:hunter2@127.0.0.1                  | TLS_ENDPOINTS must be host:port",
            "TLS_ENDPOINTS  | hunter2                                 | TLS_ENDPOINTS must be host:port",
            "HEALTH_BASE_PATH | /hunter2?x                            | HEALTH_BASE_PATH must be empty or /segment",
            "HEALTH_TOKEN   | hunter2                                 | HEALTH_TOKEN must be at least 16 visible ASCII characters",
            "SERVICE_NAME   | hunter2 secret                          | SERVICE_NAME must be 1 to 64 letters",
            "INSTANCE_ID    | hunter2 secret                          | INSTANCE_ID must be a fleet instance id",
            "DATABASE_URL   | postgres:hunter2@127.0.0.1:5432/test    | DATABASE_URL cannot be used: it must be a JDBC URL",
            "DATABASE_URL   | jdbc:postgresql://u:%zzhunter2@db/app   | DATABASE_URL has a % in its user-info",
    })
    void namesTheVariableAndNeverTheSecret(String variable, String value, String message) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0"));
        env.put(variable, value);
        assertThatThrownBy(() -> DemoService.start(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"))
                // What the operator reads is what was written: the redactor masks nothing of it.
                .satisfies(e -> assertThat(Redactor.redact(e.getMessage())).isEqualTo(e.getMessage()));

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
        // Checked before anything starts: the error is all it printed, no check ran, no pool logged.
        assertThat(output.lines().filter(line -> !line.startsWith("WARNING")).toList()).as(output).hasSize(1);
    }
}
