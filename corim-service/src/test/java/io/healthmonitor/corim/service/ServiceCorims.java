package io.healthmonitor.corim.service;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.healthmonitor.testsupport.RequiredServices;
import io.healthmonitor.testsupport.ServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Valid CoRIMs with a chosen id, validity and size for the service tests, written with Jackson's
 * streaming generator, and private Redis servers.
 */
final class ServiceCorims {

    private static final CBORFactory FACTORY = new CBORFactory();

    /** Writes one CBOR item. */
    @FunctionalInterface
    private interface Body {
        void write(CBORGenerator g) throws IOException;
    }

    private ServiceCorims() {
    }

    /** A valid unsigned CoRIM with {@code measurements} reference measurements, valid in [notBefore, notAfter]. */
    static byte[] corim(String id, Instant notBefore, Instant notAfter, int measurements) {
        byte[] comid = encode(g -> {
            g.writeStartObject(4);
            g.writeFieldId(0);
            g.writeString("en-GB");
            g.writeFieldId(1);
            g.writeStartObject(2);
            g.writeFieldId(0);
            g.writeString("tag-" + id);
            g.writeFieldId(1);
            g.writeNumber(0);
            g.writeEndObject();
            g.writeFieldId(2);
            g.writeStartArray(null, 1);
            g.writeStartObject(3);
            g.writeFieldId(0);
            g.writeString("ACME");
            g.writeFieldId(1);
            g.writeTag(32);
            g.writeString("https://acme.example");
            g.writeFieldId(2);
            g.writeStartArray(null, 1);
            g.writeNumber(0);
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeFieldId(4);
            referenceTriples(g, measurements, 32);
            g.writeEndObject();
        });
        return encode(g -> {
            idAndTags(g, id, comid, 4);
            g.writeFieldId(4);
            g.writeStartObject(2);
            g.writeFieldId(0);
            g.writeTag(1);
            g.writeNumber(notBefore.getEpochSecond());
            g.writeFieldId(1);
            g.writeTag(1);
            g.writeNumber(notAfter.getEpochSecond());
            g.writeEndObject();
            g.writeFieldId(5);
            g.writeStartArray(null, 1);
            g.writeStartObject(2);
            g.writeFieldId(0);
            g.writeString("ACME");
            g.writeFieldId(2);
            g.writeStartArray(null, 2);
            g.writeNumber(1);
            g.writeNumber(2);
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static byte[] corim(String id, Instant now, Duration validFor) {
        return corim(id, now.minus(Duration.ofDays(1)), now.plus(validFor), 1);
    }

    /** A CoRIM whose one CoMID has a sha-256 digest of 31 bytes: a 422. */
    static byte[] invalidCorim(String id) {
        byte[] comid = encode(g -> {
            g.writeStartObject(2);
            g.writeFieldId(1);
            g.writeStartObject(1);
            g.writeFieldId(0);
            g.writeString("tag-x");
            g.writeEndObject();
            g.writeFieldId(4);
            referenceTriples(g, 1, 31);
            g.writeEndObject();
        });
        return encode(g -> {
            idAndTags(g, id, comid, 2);
            g.writeEndObject();
        });
    }

    /** Opens a #6.501 corim-map of {@code members} members and writes its id and its one CoMID. */
    private static void idAndTags(CBORGenerator g, String id, byte[] comid, int members) throws IOException {
        g.writeTag(501);
        g.writeStartObject(members);
        g.writeFieldId(0);
        g.writeString(id);
        g.writeFieldId(1);
        g.writeStartArray(null, 1);
        g.writeTag(506);
        g.writeBinary(comid);
        g.writeEndArray();
    }

    /** A triples-map with one reference triple of {@code n} measurements, each a sha-256 digest of {@code digestBytes}. */
    private static void referenceTriples(CBORGenerator g, int n, int digestBytes) throws IOException {
        byte[] digest = new byte[digestBytes];
        Arrays.fill(digest, (byte) 7);
        g.writeStartObject(1);
        g.writeFieldId(0);
        g.writeStartArray(null, 1);
        g.writeStartArray(null, 2);
        g.writeStartObject(1);
        g.writeFieldId(0);
        g.writeStartObject(2);
        g.writeFieldId(1);
        g.writeString("ACME");
        g.writeFieldId(2);
        g.writeString("RoadRunner");
        g.writeEndObject();
        g.writeEndObject();
        g.writeStartArray(null, n);
        for (int i = 0; i < n; i++) {
            g.writeStartObject(2);
            g.writeFieldId(0);
            g.writeString("firmware");
            g.writeFieldId(1);
            g.writeStartObject(1);
            g.writeFieldId(2);
            g.writeStartArray(null, 1);
            g.writeStartArray(null, 2);
            g.writeNumber(1);
            g.writeBinary(digest);
            g.writeEndArray();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndArray();
        g.writeEndArray();
        g.writeEndObject();
    }

    private static byte[] encode(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static ServerProcess redis(String... extra) {
        Path binary = RequiredServices.assumeCommand("redis-server");
        Path directory;
        try {
            directory = Files.createTempDirectory("healthmonitor-corim-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ServerProcess.start("redis", port -> {
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--save", "", "--dir", directory.toString()));
            command.addAll(List.of(extra));
            return command;
        });
    }

    /** Polls until {@code condition} holds or {@code limit} passes; for truly asynchronous waits only. */
    static boolean eventually(Duration limit, BooleanSupplier condition) {
        long giveUpAt = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUpAt) {
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
