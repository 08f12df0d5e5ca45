package io.healthmonitor.corim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/sample_corim_profile.cbor}, the file the runbooks upload, is a valid CoRIM.
 * Regenerate it with {@code -Dcorim.sample.write=true} (then commit it).
 */
class SampleProfileTest {

    static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2035-01-01T00:00:00Z");

    static Path sample() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.isDirectory(p.resolve("corim"))) {
                return p.resolve("examples/sample_corim_profile.cbor");
            }
        }
        throw new IllegalStateException("no examples/ directory above " + Path.of("").toAbsolutePath());
    }

    static byte[] generate() {
        return TestCorims.corim("sample-corim-profile", NOT_BEFORE, NOT_AFTER, 3);
    }

    @Test
    void theCommittedSampleIsValid() throws IOException {
        Path file = sample();
        if (Boolean.getBoolean("corim.sample.write")) {
            Files.write(file, generate());
        }
        assertThat(file).exists();
        byte[] bytes = Files.readAllBytes(file);
        CorimValidationResult result = CorimValidator.builder().clock(InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")))
                .build().validate(bytes);

        assertThat(result.problems()).isEmpty();
        assertThat(result.kind()).isEqualTo(CorimValidationResult.Kind.UNSIGNED_CORIM);
        assertThat(result.id()).isEqualTo("sample-corim-profile");
        assertThat(result.expiresAt()).isEqualTo(NOT_AFTER);
        assertThat(bytes).as("the committed file is what the generator makes").isEqualTo(generate());
    }

    @Test
    void theSampleIsValidNow() throws IOException {
        assertThat(CorimValidator.builder().build().validate(Files.readAllBytes(sample())).valid()).isTrue();
    }
}
