package io.healthmonitor.corim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CBOR CoRIM or CoMID vector of shared/corim/vectors/expectations.tsv gives its strict
 * expected outcome. The outcomes (with clock, keys and profiles) are spelled out in
 * vector-outcomes.tsv, and {@link #everyCborCorimOrComidVectorHasAnOutcome()} proves that file
 * covers every such row of the shared TSV.
 */
class SharedVectorsTest {

    static final Path VECTORS = locate();

    private static Path locate() {
        String prop = System.getProperty("corim.vectors");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/corim/vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("/work/shared/corim/vectors");
    }

    static void assumeVectors() {
        boolean required = Boolean.getBoolean("healthmonitor.it.required");
        if (required) {
            assertThat(VECTORS.resolve("expectations.tsv")).as("shared vectors are required").exists();
        }
        assumeThat(Files.exists(VECTORS.resolve("expectations.tsv"))).as("shared vectors present").isTrue();
    }

    static List<String[]> outcomes() throws IOException {
        try (InputStream in = SharedVectorsTest.class.getResourceAsStream("vector-outcomes.tsv")) {
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
            return rows;
        }
    }

    static Stream<Arguments> vectors() throws IOException {
        return outcomes().stream().map(r -> Arguments.of(r[0], r[1], r[2], r[3], r[4]));
    }

    @Test
    void everyCborCorimOrComidVectorHasAnOutcome() throws IOException {
        assumeVectors();
        Set<String> expected = new TreeSet<>();
        List<String> lines = Files.readAllLines(VECTORS.resolve("expectations.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            boolean cbor = c[0].endsWith(".cbor") || c[0].endsWith("-cbor");
            String kind = c[1].toLowerCase();
            boolean corimOrComid = (kind.contains("corim") || kind.contains("comid") || c[0].startsWith("veraison-inline/"))
                    && !c[3].startsWith("out-of-scope");
            if (cbor && corimOrComid) {
                expected.add(c[0]);
            }
        }
        Set<String> covered = new TreeSet<>();
        for (String[] r : outcomes()) {
            covered.add(r[0]);
        }
        assertThat(expected).hasSizeGreaterThan(60);
        assertThat(covered).containsAll(expected);
    }

    @ParameterizedTest(name = "{0} as {1} with {2} at {3} -> {4}")
    @MethodSource("vectors")
    void vectorGivesItsStrictOutcome(String file, String mode, String setup, String clock, String expected)
            throws IOException {
        assumeVectors();
        byte[] bytes = Files.readAllBytes(VECTORS.resolve(file));
        CorimValidator.Builder b = CorimValidator.builder()
                .clock(InstantSource.fixed(Instant.parse(clock)))
                .verificationKeyPem(Files.readString(VECTORS.resolve("keys/ec-p256.pub.pem")));
        String profileId = null;
        if (setup.equals("profiles") || setup.startsWith("profile:")) {
            b.extensions(TestExtensions.all());
            profileId = setup.startsWith("profile:") ? setup.substring("profile:".length()) : null;
        }
        CorimValidator validator = b.build();
        String comidProfile = profileId;
        if (expected.startsWith("FORMAT ")) {
            assertThatThrownBy(() -> run(validator, mode, bytes, comidProfile))
                    .isInstanceOfSatisfying(CorimFormatException.class,
                            e -> assertThat(e.code()).isEqualTo(expected.substring(7)));
            return;
        }
        CorimValidationResult result = run(validator, mode, bytes, profileId);
        if (expected.equals("ACCEPT")) {
            assertThat(result.problems()).isEmpty();
            assertThat(result.valid()).isTrue();
        } else {
            assertThat(expected).startsWith("REJECT ");
            Set<String> codes = new LinkedHashSet<>(Arrays.asList(expected.substring(7).split(",")));
            Set<String> actual = new TreeSet<>();
            result.problems().forEach(p -> actual.add(p.code()));
            assertThat(result.valid()).isFalse();
            assertThat(actual).as(result.problems().toString()).containsExactlyInAnyOrderElementsOf(new TreeSet<>(codes));
            result.problems().forEach(p -> assertThat(p.message()).containsAnyOf("§", "rule of profile '"));
        }
    }

    private static CorimValidationResult run(CorimValidator v, String mode, byte[] bytes, String profileId) {
        if (mode.equals("comid")) {
            return profileId == null ? v.validateComid(bytes) : v.validateComid(bytes, profileId);
        }
        return v.validate(bytes);
    }
}
