package io.healthmonitor.corim;

import static io.healthmonitor.corim.Cbor.encode;
import static io.healthmonitor.corim.Cbor.list;
import static io.healthmonitor.corim.Cbor.map;
import static io.healthmonitor.corim.Cbor.tag;

import io.healthmonitor.testing.RequiredServices;
import io.healthmonitor.testing.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Valid CoRIMs with a chosen id, validity and size for the service tests, and private Redis servers. */
final class ServiceCorims {

    private ServiceCorims() {
    }

    /** A valid unsigned CoRIM with {@code measurements} reference measurements, valid in [notBefore, notAfter]. */
    static byte[] corim(String id, Instant notBefore, Instant notAfter, int measurements) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < measurements; i++) {
            values.add(CorimRulesTest.measurement());
        }
        Map<Object, Object> comid = map(0, "en-GB", 1, map(0, "tag-" + id, 1, 0),
                2, list(map(0, "ACME", 1, tag(32, "https://acme.example"), 2, list(0))),
                4, map(0, list(list(CorimRulesTest.environment(), values))));
        return encode(tag(501, map(0, id, 1, list(tag(506, encode(comid))),
                4, map(0, tag(1, notBefore.getEpochSecond()), 1, tag(1, notAfter.getEpochSecond())),
                5, list(map(0, "ACME", 2, list(1, 2))))));
    }

    static byte[] corim(String id, Instant now, Duration validFor) {
        return corim(id, now.minus(Duration.ofDays(1)), now.plus(validFor), 1);
    }

    /** Same shape, but the one CoMID has a digest of the wrong length: a 422. */
    static byte[] invalidCorim(String id) {
        Map<Object, Object> bad = map(0, "firmware", 1, map(2, list(list(1, CorimRulesTest.bytes(31)))));
        Map<Object, Object> comid = map(0, "en-GB", 1, map(0, "tag-x", 1, 0),
                4, map(0, list(list(CorimRulesTest.environment(), list(bad)))));
        return encode(tag(501, map(0, id, 1, list(tag(506, encode(comid))))));
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
