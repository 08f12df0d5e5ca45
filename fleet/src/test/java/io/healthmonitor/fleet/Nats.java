package io.healthmonitor.fleet;

import io.healthmonitor.testsupport.RequiredServices;
import io.healthmonitor.testsupport.ServerProcess;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Private nats-servers with JetStream on ephemeral loopback ports, one or a cluster of three (routes
 * on loopback ephemeral ports), in a temporary store directory; connections made through it are
 * closed with it. Skips (or fails, when {@code healthmonitor.it.required=true}) without nats-server.
 */
final class Nats implements AutoCloseable {

    private final List<ServerProcess> servers;
    private final Path directory;
    private final List<Connection> connections = new ArrayList<>();

    private Nats(List<ServerProcess> servers, Path directory) {
        this.servers = servers;
        this.directory = directory;
    }

    static Nats single() {
        Path binary = RequiredServices.assumeCommand("nats-server");
        Path directory = temporaryDirectory();
        ServerProcess server = ServerProcess.start("nats-server", port -> List.of(binary.toString(), "-a", "127.0.0.1",
                "-p", String.valueOf(port), "-js", "-sd", directory.resolve("store").toString()));
        return new Nats(List.of(server), directory);
    }

    /**
     * Three clustered servers. The route ports are chosen before the servers start, so one may be
     * taken meanwhile (the first servers' outgoing route connections get ephemeral ports from the
     * same range): the cluster is then started again on other ports, up to three times.
     */
    static Nats cluster() {
        Path binary = RequiredServices.assumeCommand("nats-server");
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            List<ServerProcess> servers = new ArrayList<>();
            Path directory = temporaryDirectory();
            try {
                int[] routes = {ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort()};
                String routeUrls = java.util.Arrays.stream(routes).mapToObj(port -> "nats-route://127.0.0.1:" + port)
                        .collect(Collectors.joining(","));
                for (int i = 0; i < 3; i++) {
                    int route = routes[i];
                    String name = "n" + i;
                    servers.add(ServerProcess.start("nats-" + name, port -> List.of(binary.toString(), "-a", "127.0.0.1",
                            "-p", String.valueOf(port), "-n", name, "--cluster_name", "healthmonitor", "-cluster",
                            "nats://127.0.0.1:" + route, "-routes", routeUrls, "-js", "-sd", directory.resolve(name).toString())));
                }
                return new Nats(servers, directory);
            } catch (IllegalStateException e) {
                new Nats(servers, directory).close();
                failure = e;
            }
        }
        throw failure;
    }

    ServerProcess server(int index) {
        return servers.get(index);
    }

    String url(int index) {
        return "nats://127.0.0.1:" + servers.get(index).port();
    }

    String urls() {
        return servers.stream().map(server -> "nats://127.0.0.1:" + server.port()).collect(Collectors.joining(","));
    }

    /** A connection that reconnects forever and quickly, to the given servers. */
    Connection connect(String urls) {
        Options options = new Options.Builder().servers(urls.split(",")).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(50)).connectionTimeout(Duration.ofSeconds(2))
                .errorListener(new ErrorListener() { }).build();
        try {
            Connection connection = io.nats.client.Nats.connect(options);
            connections.add(connection);
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Connection connect() {
        return connect(urls());
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
        servers.forEach(ServerProcess::close);
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is no test failure
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("healthmonitor-fleet-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
