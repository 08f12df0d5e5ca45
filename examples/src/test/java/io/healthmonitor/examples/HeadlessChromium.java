package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.testsupport.RequiredServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium, one process per page: the DOM after the page's scripts ran, or a screenshot.
 * Each run has a fresh profile, deleted afterwards, and is bounded in time. Skips the test when
 * Chromium is not installed.
 */
final class HeadlessChromium {

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** Chromium, or the test is skipped (fails with {@code -Dhealthmonitor.it.required=true}). */
    static HeadlessChromium assumeInstalled() {
        return new HeadlessChromium(RequiredServices.assumeCommand("chromium"));
    }

    /** The serialized DOM once the page's scripts have run (5 s of virtual time). */
    String dom(String url) throws Exception {
        return new String(run(List.of("--virtual-time-budget=5000", "--dump-dom", url)), StandardCharsets.UTF_8);
    }

    /** Saves a PNG of the page at the given window size. */
    void screenshot(String url, Path file, int width, int height) throws Exception {
        run(List.of("--virtual-time-budget=5000", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + file.toAbsolutePath(), url));
        assertThat(file).as("the screenshot").isNotEmptyFile();
    }

    private byte[] run(List<String> arguments) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        try {
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not exit within 60 s");
            }
            return out;
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
