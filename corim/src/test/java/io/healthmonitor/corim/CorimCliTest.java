package io.healthmonitor.corim;

import static io.healthmonitor.corim.Cbor.encode;
import static io.healthmonitor.corim.Cbor.list;
import static io.healthmonitor.corim.Cbor.map;
import static io.healthmonitor.corim.Cbor.tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command-line validator over the shared vectors: exit codes and output, in-process. */
class CorimCliTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CorimCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every CoRIM row of vector-outcomes.tsv that needs no registered profile rules. */
    static Stream<Arguments> baseCorimVectors() throws IOException {
        return SharedVectorsTest.outcomes().stream().filter(r -> r[1].equals("corim") && r[2].equals("base"))
                .map(r -> Arguments.of(r[0], r[3], r[4]));
    }

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @MethodSource("baseCorimVectors")
    void exitsAndPrintsPerTheVectorOutcome(String file, String clock, String expected) {
        SharedVectorsTest.assumeVectors();
        Path vectors = SharedVectorsTest.VECTORS;
        Run r = run("validate", "--key", vectors.resolve("keys/ec-p256.pub.pem").toString(), "--at", clock,
                vectors.resolve(file).toString());

        assertThat(r.err()).isEmpty();
        if (expected.equals("ACCEPT")) {
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains(": valid (");
        } else if (expected.startsWith("FORMAT ")) {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains(": unreadable").contains("  " + expected.substring(7) + " at offset ");
        } else {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains(": invalid (");
            for (String code : expected.substring("REJECT ".length()).split(",")) {
                assertThat(r.out()).contains("\n  " + code + " at ");
            }
        }
        assertThat(r.out() + r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void printsOneJsonDocumentForSeveralFilesAndExits1WhenAnyIsInvalid() throws IOException {
        SharedVectorsTest.assumeVectors();
        Path v = SharedVectorsTest.VECTORS;
        Run r = run("validate", "--json", "--at=2024-06-01T00:00:00Z",
                v.resolve("veraison/corim/testcases/corim-1.cbor").toString(),
                v.resolve("veraison/corim/testcases/corim-design-cd.cbor").toString());

        assertThat(r.exit()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("files")).hasSize(2);
        assertThat(json.get("files").get(0).get("valid").asBoolean()).isTrue();
        assertThat(json.get("files").get(1).get("valid").asBoolean()).isFalse();
        assertThat(json.get("files").get(1).get("problems").get(0).get("code").asText()).isEqualTo("profile.unknown");
    }

    @Test
    void aRegisteredProfileIsNoLongerUnknown() {
        SharedVectorsTest.assumeVectors();
        Run r = run("validate", "--at", "2024-06-01T00:00:00Z", "--profile", TestExtensions.INTEL_FPGA,
                SharedVectorsTest.VECTORS.resolve("veraison/corim/testcases/corim-design-cd.cbor").toString());
        assertThat(r.exit()).as(r.out()).isZero();
    }

    @Test
    void exits2ForUsageAndIoErrorsWithoutAStackTrace(@TempDir Path dir) throws IOException {
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("check", "x").exit()).isEqualTo(2);
        assertThat(run("validate").err()).contains("no file to validate").contains("usage: validate");
        assertThat(run("validate", "--frobnicate", "x").exit()).isEqualTo(2);
        assertThat(run("validate", "--at", "yesterday", "x").err()).contains("ISO-8601");
        assertThat(run("validate", "--key").err()).contains("--key needs a value");
        Path garbage = Files.writeString(dir.resolve("key.pem"), "not a key");
        assertThat(run("validate", "--key", garbage.toString(), "x").exit()).isEqualTo(2);
        assertThat(run("validate", "--trust-anchor", garbage.toString(), "x").exit()).isEqualTo(2);
        Run missing = run("validate", dir.resolve("absent.cbor").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("absent.cbor: cannot read").doesNotContain("\tat ");
        assertThat(run("--help").exit()).isZero();
    }

    @Test
    void escapesControlCharactersFromTheFileInItsTextOutput(@TempDir Path dir) throws IOException {
        // A valid CoRIM whose id sets the terminal's title and clears the screen, and a file name with an escape.
        Path corim = Files.write(dir.resolve("x\u001b[2J.cbor"),
                TestCorims.corim("id\u001b]0;owned\u0007\u001b[2J", Instant.parse("2025-01-01T00:00:00Z"), Duration.ofDays(1)));
        Path invalid = Files.write(dir.resolve("bad.cbor"), TestCorims.invalidCorim("bad"));

        Run r = run("validate", "--at", "2025-01-01T00:00:00Z", corim.toString(), invalid.toString(), dir.toString());

        assertThat(r.out()).contains("x\\u001b[2J.cbor: valid (unsigned_corim, id id\\u001b]0;owned\\u0007\\u001b[2J,");
        assertThat(r.out() + r.err()).doesNotContain("\u001b", "\u0007");
        assertThat(r.err()).contains(dir + ": cannot read: IOException: Is a directory");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void refusesAnOversizedOrUnreadableKeyAnchorOrPayloadAsAUsageErrorNamingTheOptionAndTheFile(@TempDir Path dir)
            throws IOException {
        Path corim = Files.write(dir.resolve("x.cbor"), TestCorims.corim("x", Instant.parse("2025-01-01T00:00:00Z"), Duration.ofDays(1)));
        Path bigKey = sized(dir.resolve("big.pem"), 1024 * 1024 + 1);
        Path bigPayload = sized(dir.resolve("big.bin"), CorimLimits.defaults().maxInputBytes() + 1);
        Path absent = dir.resolve("absent.pem");

        for (String option : new String[] {"--key", "--trust-anchor"}) {
            Run big = run("validate", option, bigKey.toString(), corim.toString());
            assertThat(big.exit()).as(option).isEqualTo(2);
            assertThat(big.err()).contains("error: " + option + " " + bigKey + ": larger than the limit of 1048576 bytes");
            Run missing = run("validate", option + "=" + absent, corim.toString());
            assertThat(missing.exit()).as(option).isEqualTo(2);
            assertThat(missing.err()).contains("error: " + option + " " + absent + ": cannot read: NoSuchFileException");
        }
        Run payload = run("validate", "--payload", bigPayload.toString(), corim.toString());
        assertThat(payload.exit()).isEqualTo(2);
        assertThat(payload.err()).contains("error: --payload " + bigPayload + ": larger than the limit of 4194304 bytes");
        assertThat(payload.out()).as("the CoRIM file is not blamed").isEmpty();
        assertThat(run("validate", "--payload", absent.toString(), corim.toString()).err())
                .contains("error: --payload " + absent + ": cannot read");

        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            Run endless = run("validate", "--key", zero.toString(), corim.toString());
            assertThat(endless.exit()).isEqualTo(2);
            assertThat(endless.err()).contains("error: --key /dev/zero: larger than the limit");
        }
    }

    /** A sparse file of {@code size} zero bytes. */
    private static Path sized(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    @Test
    void anIoErrorWinsOverAnInvalidFile(@TempDir Path dir) throws IOException {
        Path invalid = Files.write(dir.resolve("bad.cbor"), TestCorims.invalidCorim("bad"));
        assertThat(run("validate", invalid.toString()).exit()).isEqualTo(1);
        assertThat(run("validate", invalid.toString(), dir.resolve("absent").toString()).exit()).isEqualTo(2);
    }

    @Test
    void verifiesADetachedPayloadGivenWithPayload(@TempDir Path dir) throws Exception {
        KeyPair kp = SignedCorimTest.ec("secp256r1");
        byte[] prot = encode(SignedCorimTest.headers(-7));
        byte[] payload = SignedCorimTest.PAYLOAD;
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(kp.getPrivate());
        s.update(SignatureVerifier.sigStructure(prot, payload));
        byte[] detached = encode(tag(18, list(prot, map(), null, s.sign())));
        Path file = Files.write(dir.resolve("detached.cbor"), detached);
        Path payloadFile = Files.write(dir.resolve("payload.cbor"), payload);
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(kp.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");

        Run without = run("validate", "--key", key.toString(), "--at", "2025-01-01T00:00:00Z", file.toString());
        assertThat(without.exit()).isEqualTo(1);
        assertThat(without.out()).contains("cose.detached-payload-missing");

        Run with = run("validate", "--key", key.toString(), "--at", "2025-01-01T00:00:00Z", "--payload", payloadFile.toString(),
                file.toString());
        assertThat(with.exit()).as(with.out()).isZero();
        assertThat(with.out()).contains("valid (signed_corim, id corim-1");

        byte[] tampered = payload.clone();
        tampered[tampered.length - 1] ^= 1;
        Path tamperedFile = Files.write(dir.resolve("tampered.cbor"), tampered);
        assertThat(run("validate", "--key", key.toString(), "--at", "2025-01-01T00:00:00Z", "--payload",
                tamperedFile.toString(), file.toString()).exit()).isEqualTo(1);
        Run notDetached = run("validate", "--key", key.toString(), "--at", "2025-01-01T00:00:00Z", "--payload",
                payloadFile.toString(), payloadFile.toString());
        assertThat(notDetached.exit()).isEqualTo(1);
        assertThat(notDetached.out()).contains("cose.payload-not-detached");
    }
}
