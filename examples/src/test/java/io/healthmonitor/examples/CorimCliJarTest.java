package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.testsupport.RequiredServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The CoRIM command-line validator as operators run it: {@code java -jar corim/target/healthmonitor-corim-cli.jar}.
 * It lives here because the reactor packages the corim module before this module's tests run.
 */
class CorimCliJarTest {

    private static final Path JAR = Path.of("..", "corim", "target", "healthmonitor-corim-cli.jar");

    private static Process run(String... arguments) throws Exception {
        if (!Files.exists(JAR)) {
            String reason = JAR + " is not built (run the reactor's package or verify)";
            if (RequiredServices.required()) {
                Assertions.fail(reason);
            }
            Assumptions.abort(reason);
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String output(Process process) throws Exception {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the CLI exits").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void validatesTheSampleProfileWithExitZero() throws Exception {
        Process process = run("validate", DemoService.SAMPLE_PROFILE);
        String output = output(process);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains(DemoService.SAMPLE_PROFILE + ": valid");
    }

    @Test
    void rejectsATruncatedProfileWithExitOneAndNoStackTrace() throws Exception {
        byte[] sample = Files.readAllBytes(Path.of(DemoService.SAMPLE_PROFILE));
        Path truncated = Files.createTempFile("truncated-", ".cbor");
        Files.write(truncated, java.util.Arrays.copyOf(sample, sample.length / 2));
        Process process = run("validate", truncated.toString());
        String output = output(process);
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    @Test
    void answersUsageErrorsWithExitTwo() throws Exception {
        Process process = run("validate", "--at", "not-an-instant", DemoService.SAMPLE_PROFILE);
        String output = output(process);
        assertThat(process.exitValue()).as(output).isEqualTo(2);
    }
}
