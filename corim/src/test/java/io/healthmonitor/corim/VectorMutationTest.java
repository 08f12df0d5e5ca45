package io.healthmonitor.corim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.healthmonitor.corim.internal.CorimJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public CBOR vector of shared/corim/vectors, cut at every byte and with one bit flipped at
 * every byte (bit {@code i % 8} of byte {@code i}): each mutant must be answered with a result or a
 * {@link CorimFormatException} (always one when a well-formed vector is cut), never another
 * exception, and its result must render as the JSON the service and the CLI write. With the key of
 * the signed vectors and the test extensions, so that signature checks and extension rules run on
 * the mutants too: 72,826 mutants, each validated as a CoRIM and as a CoMID.
 */
class VectorMutationTest {

    private static final CorimValidator VALIDATOR = validator();

    private static CorimValidator validator() {
        CorimValidator.Builder b = CorimValidator.builder()
                .clock(InstantSource.fixed(Instant.parse("2024-06-01T00:00:00Z")))
                .extensions(TestExtensions.all());
        Path key = SharedVectorsTest.VECTORS.resolve("keys/ec-p256.pub.pem"); // verifies every signed vector
        if (Files.exists(key)) {
            try {
                b.verificationKeyPem(Files.readString(key));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return b.build();
    }

    @Test
    void answersEveryTruncatedOrBitFlippedVectorWithAResultOrItsFormatException() throws IOException {
        SharedVectorsTest.assumeVectors();
        List<Path> vectors;
        try (Stream<Path> files = Files.walk(SharedVectorsTest.VECTORS)) {
            vectors = files.filter(p -> p.toString().endsWith(".cbor")).sorted().toList();
        }
        assertThat(vectors).hasSizeGreaterThan(80);
        List<String> failures = new ArrayList<>();
        int[] mutants = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (Path file : vectors) {
                byte[] original = Files.readAllBytes(file);
                String name = SharedVectorsTest.VECTORS.relativize(file).toString();
                // A vector with bytes after its item (one is) has a prefix that is a whole item.
                boolean wellFormed = readable(original);
                for (int i = 0; i < original.length; i++) {
                    check(name + " cut at " + i, java.util.Arrays.copyOf(original, i), wellFormed, failures);
                    byte[] flipped = original.clone();
                    flipped[i] ^= (byte) (1 << (i % 8));
                    check(name + " bit " + (i % 8) + " of byte " + i + " flipped", flipped, false, failures);
                    mutants[0] += 2;
                }
            }
        });
        assertThat(failures).as("of %d mutants", mutants[0]).isEmpty();
    }

    private static boolean readable(byte[] input) {
        try {
            VALIDATOR.validate(input);
            return true;
        } catch (CorimFormatException e) {
            return false;
        }
    }

    private static void check(String what, byte[] input, boolean truncated, List<String> failures) {
        try {
            answer(what, VALIDATOR.validate(input), failures);
            if (truncated) {
                failures.add(what + ": a truncated item was read without a CorimFormatException");
            }
        } catch (CorimFormatException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty() || e.code().isEmpty()) {
                failures.add(what + ": a CorimFormatException without code or message");
            }
        } catch (RuntimeException | StackOverflowError e) {
            failures.add(what + ": validate threw " + e);
        }
        try {
            answer(what + " (as a CoMID)", VALIDATOR.validateComid(input), failures);
        } catch (CorimFormatException expected) {
            // unreadable
        } catch (RuntimeException | StackOverflowError e) {
            failures.add(what + ": validateComid threw " + e);
        }
    }

    private static void answer(String what, CorimValidationResult r, List<String> failures) {
        if (r.valid() != r.problems().isEmpty()) {
            failures.add(what + ": valid() disagrees with problems()");
        }
        String json = new String(CorimJson.render(g -> {
            g.writeStartObject();
            CorimJson.resultFields(g, r);
            g.writeEndObject();
        }), StandardCharsets.UTF_8);
        if (!json.startsWith("{\"valid\":")) {
            failures.add(what + ": result JSON " + json.substring(0, Math.min(80, json.length())));
        }
    }
}
