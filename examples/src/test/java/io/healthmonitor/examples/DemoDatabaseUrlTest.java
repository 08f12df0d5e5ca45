package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthmonitor.testsupport.RequiredServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code DATABASE_URL} with user-info ({@code //user:password@host}): neither the PostgreSQL nor the
 * MariaDB driver understands it, and both quoted the password in their errors ("Incorrect port value :
 * secret@127.0.0.1", "UnknownHostException: postgres:secret@127.0.0.1"), which reached
 * {@code /health/detailed} and the log. The demo now takes it out of the URL and uses it as the
 * credentials. Run as an operator runs it: a process, its log and its endpoint.
 */
class DemoDatabaseUrlTest {

    private static final String SECRET = "Sup3rSecretPW";
    private static final Pattern STARTED = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/health/ui");

    @Test
    void connectsToPostgresqlWithTheUserInfoOfTheUrlAndNeverShowsThePassword() throws Exception {
        RequiredServices.assumeListening("PostgreSQL", "127.0.0.1", 5432);
        // Trust authentication: any password is accepted, so only the user must arrive as the user.
        Run run = run("jdbc:postgresql://postgres:" + SECRET + "@127.0.0.1:5432/test");
        assertThat(run.database().get("status").asText()).as(run.output()).isEqualTo("healthy");
        assertThat(run.detailed()).doesNotContain(SECRET);
        assertThat(run.output()).doesNotContain(SECRET);
    }

    @Test
    void connectsToMariadbWithTheUserInfoOfTheUrl() throws Exception {
        RequiredServices.assumeListening("MariaDB", "127.0.0.1", 3306);
        Run run = run("jdbc:mariadb://root:@127.0.0.1:3306/test");
        assertThat(run.database().get("status").asText()).as(run.output()).isEqualTo("healthy");
    }

    @Test
    void neverShowsAPasswordMariadbRefuses() throws Exception {
        RequiredServices.assumeListening("MariaDB", "127.0.0.1", 3306);
        // root has no password here: this one is refused, and the refusal is what is reported.
        Run run = run("jdbc:mariadb://root:" + SECRET + "@127.0.0.1:3306/test");
        assertThat(run.database().get("status").asText()).as(run.output()).isEqualTo("unhealthy");
        assertThat(run.database().get("message").asText()).contains("Access denied");
        assertThat(run.detailed()).doesNotContain(SECRET);
        assertThat(run.output()).doesNotContain(SECRET);
        // An operator's test: the MariaDB driver logged a WARN line of its own for every connection
        // attempt HikariCP makes (every 5 s, for as long as the password is wrong); the check's
        // status change line says it once.
        assertThat(run.output()).as(run.output()).doesNotContain("org.mariadb.jdbc");
    }

    @Test
    void takesTheUserInfoOutOfTheUrlPercentDecoded() {
        DemoConfiguration.Database database = DemoConfiguration.database(Map.of(
                "DATABASE_URL", "jdbc:postgresql://us%40er:p@ss%2Fw+rd@127.0.0.1:5432/test?sslmode=disable"));
        assertThat(database).isEqualTo(new DemoConfiguration.Database(
                "jdbc:postgresql://127.0.0.1:5432/test?sslmode=disable", "us@er", "p@ss/w+rd"));
        assertThat(DemoConfiguration.database(Map.of("DATABASE_URL", "jdbc:mariadb://root@127.0.0.1:3306/test")))
                .isEqualTo(new DemoConfiguration.Database("jdbc:mariadb://127.0.0.1:3306/test", "root", null));
        assertThat(DemoConfiguration.database(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test",
                "DATABASE_USER", "postgres", "DATABASE_PASSWORD", SECRET)))
                .isEqualTo(new DemoConfiguration.Database("jdbc:postgresql://127.0.0.1:5432/test", "postgres", SECRET));
    }

    @Test
    void refusesCredentialsGivenTwice() {
        assertThatThrownBy(() -> DemoService.start(Map.of("PORT", "0",
                "DATABASE_URL", "jdbc:postgresql://postgres:" + SECRET + "@127.0.0.1:5432/test",
                "DATABASE_PASSWORD", "other")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_URL has a user").hasMessageContaining("in one place only")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    private record Run(JsonNode database, String detailed, String output) {
    }

    /** Runs the demo with {@code url} until its database check has a result, then stops it. */
    private static Run run(String url) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                DemoService.class.getName())).redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        builder.environment().put("DATABASE_URL", url);
        builder.environment().remove("DATABASE_USER");
        builder.environment().remove("DATABASE_PASSWORD");
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                output.append("(output unreadable: ").append(e).append(")\n");
            }
        }, "demo-output");
        reader.start();
        try {
            long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Matcher started = STARTED.matcher(output);
            while (!started.find() && process.isAlive() && System.nanoTime() < giveUp) {
                Thread.sleep(50);   // a bounded poll for the start-up line, not an assertion
                started = STARTED.matcher(output);
            }
            assertThat(started.find(0)).as("the demo started: %s", output).isTrue();
            DemoClient http = new DemoClient(Integer.parseInt(started.group(1)));
            String detailed = http.get("/health/detailed").body();
            JsonNode database = database(http);
            while (database.path("message").asText().equals("not yet checked") && System.nanoTime() < giveUp) {
                Thread.sleep(50);   // a bounded poll for the first result, not an assertion
                detailed = http.get("/health/detailed").body();
                database = database(http);
            }
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(Duration.ofSeconds(10).toMillis());
            return new Run(database, detailed, output.toString());
        } finally {
            process.destroyForcibly();
        }
    }

    private static JsonNode database(DemoClient http) throws Exception {
        for (JsonNode check : http.json("/health/detailed").get("checks")) {
            if (check.get("name").asText().equals("database")) {
                return check;
            }
        }
        throw new AssertionError("no database check");
    }
}
