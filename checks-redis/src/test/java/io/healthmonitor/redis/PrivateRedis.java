package io.healthmonitor.redis;

import io.healthmonitor.testsupport.RequiredServices;
import io.healthmonitor.testsupport.ServerProcess;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Private redis-server processes on ephemeral loopback ports, and a bounded poll for asynchronous waits. */
final class PrivateRedis {

    private PrivateRedis() {
    }

    /** Starts a private redis-server with no persistence and the given extra arguments; skips when it is not installed. */
    static ServerProcess start(String... arguments) {
        return start(ServerProcess.freePort(), arguments);
    }

    static ServerProcess start(int port, String... arguments) {
        Path binary = RequiredServices.assumeCommand("redis-server");
        Path directory;
        try {
            // Replication writes an RDB file even with --save "": keep it out of the source tree.
            directory = Files.createTempDirectory("healthmonitor-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ServerProcess.start("redis", port, p -> {
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(p),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString()));
            command.addAll(List.of(arguments));
            return command;
        });
    }

    static RedisURI uri(int port) {
        return RedisURI.builder().withHost("127.0.0.1").withPort(port).withTimeout(Duration.ofSeconds(5)).build();
    }

    /** Polls {@code condition} every 50 ms until it holds or {@code limit} passes; returns whether it held. */
    static boolean eventually(Duration limit, BooleanSupplier condition) {
        long giveUpAt = System.nanoTime() + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > giveUpAt) {
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
