package io.healthmonitor.nats;

import io.healthmonitor.testsupport.RequiredServices;
import io.healthmonitor.testsupport.ServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code nats-server} of the test's own on ephemeral loopback ports (client and monitoring),
 * with JetStream in a temporary store directory unless disabled. Skips (or fails, when
 * {@code healthmonitor.it.required=true}) where nats-server is not installed.
 */
final class PrivateNats implements AutoCloseable {

    private final ServerProcess process;
    private final int monitorPort;
    private final Path directory;
    private final List<Connection> connections = new ArrayList<>();

    private PrivateNats(ServerProcess process, int monitorPort, Path directory) {
        this.process = process;
        this.monitorPort = monitorPort;
        this.directory = directory;
    }

    static PrivateNats start(String... extraArguments) {
        return start(true, extraArguments);
    }

    static PrivateNats start(boolean jetStream, String... extraArguments) {
        Path binary = RequiredServices.assumeCommand("nats-server");
        int monitorPort = ServerProcess.freePort();
        Path directory;
        try {
            directory = Files.createTempDirectory("healthmonitor-nats-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerProcess process = ServerProcess.start("nats-server", port -> {
            List<String> command = new ArrayList<>(List.of(binary.toString(), "-a", "127.0.0.1", "-p",
                    String.valueOf(port), "-m", String.valueOf(monitorPort), "-P", directory.resolve("pid").toString()));
            if (jetStream) {
                command.addAll(List.of("-js", "-sd", directory.resolve("store").toString()));
            }
            command.addAll(List.of(extraArguments));
            return command;
        });
        return new PrivateNats(process, monitorPort, directory);
    }

    String url() {
        return "nats://127.0.0.1:" + process.port();
    }

    int port() {
        return process.port();
    }

    URI monitoringUrl() {
        return URI.create("http://127.0.0.1:" + monitorPort);
    }

    Path pidFile() {
        return directory.resolve("pid");
    }

    ServerProcess process() {
        return process;
    }

    /** A connection that reconnects forever and quickly, closed with this server. */
    Connection connect() {
        return connect(url());
    }

    Connection connect(String url) {
        return connect(options(url));
    }

    Connection connect(Options options) {
        try {
            Connection connection = Nats.connect(options);
            connections.add(connection);
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a connection made elsewhere so that it is closed with this server. */
    Connection own(Connection connection) {
        connections.add(connection);
        return connection;
    }

    static Options options(String url) {
        return new Options.Builder().server(url).maxReconnects(-1).reconnectWait(Duration.ofMillis(50))
                .connectionTimeout(Duration.ofSeconds(2)).errorListener(new QuietErrors()).build();
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.close();
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is no test failure.
        }
    }

    /** Keeps expected reconnect noise out of the test output. */
    static final class QuietErrors implements io.nats.client.ErrorListener {
    }
}
