package io.healthmonitor.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Schedule;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.Endpoints;
import io.healthmonitor.http.HealthEndpoints;
import io.healthmonitor.http.JdkHttpHandler;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One instance of a service, in-process: its own NATS connection, a monitor with a background
 * check whose status the test sets, a fleet publisher and view, and its own HTTP server serving
 * {@code /health/fleet}. {@link #crash()} stops it the way a killed process stops: no goodbye.
 */
final class FleetMember implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final Connection connection;
    private final AtomicReference<HealthStatus> db = new AtomicReference<>(HealthStatus.HEALTHY);
    private final HealthMonitor monitor;
    private final FleetPublisher publisher;
    private final FleetView view;
    private final HttpServer server;

    FleetMember(Connection connection, String service, String instance, Duration heartbeat, int replicas) {
        this.connection = connection;
        this.publisher = FleetPublisher.builder(connection, service).instance(instance).heartbeat(heartbeat)
                .replicas(replicas).version("1.0." + instance.length()).build();
        this.monitor = HealthMonitor.builder()
                .register(CheckRegistration.builder("db", context -> HealthResult.of(db.get(), null))
                        .schedule(Schedule.background(Duration.ofMillis(50))).build())
                .listener(publisher).logTransitions(false).build();
        this.view = FleetView.builder(connection).maxAge(heartbeat.multipliedBy(3)).replicas(replicas).build().start();
        publisher.start(monitor::report);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JdkHttpHandler.of(Endpoints.builder().endpoint(FleetEndpoint.of(view, Authorizer.always()))
                .endpoint(HealthEndpoints.builder(monitor).build()).build()).mount(server);
        server.start();
    }

    void turn(HealthStatus status) {
        db.set(status);
    }

    FleetView view() {
        return view;
    }

    String key() {
        return publisher.key();
    }

    URI fleetUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + FleetEndpoint.PATH);
    }

    /** GET /health/fleet over real HTTP: the status code and the parsed body. */
    Fetched fetch() {
        long sent = System.nanoTime();
        try {
            // The timeout only guards against a hang; a loaded machine may be slow to answer.
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(fleetUri()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Fetched(response.statusCode(), JSON.readTree(response.body()), sent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops like a killed process: the connection drops first, so nothing says goodbye. */
    void crash() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        server.stop(0);
        publisher.close();
        view.close();
        monitor.close();
    }

    /**
     * A response of /health/fleet.
     *
     * @param status    the HTTP status
     * @param body      the JSON body
     * @param sentNanos when the request was sent ({@link System#nanoTime()})
     */
    record Fetched(int status, JsonNode body, long sentNanos) {

        String viewStatus() {
            return body.path("view").path("status").asText();
        }

        JsonNode instance(String service, String id) {
            for (JsonNode candidate : body.path("services")) {
                if (candidate.path("name").asText().equals(service)) {
                    for (JsonNode instance : candidate.path("instances")) {
                        if (instance.path("id").asText().equals(id)) {
                            return instance;
                        }
                    }
                }
            }
            return JSON.missingNode();
        }

        int instances(String service) {
            for (JsonNode candidate : body.path("services")) {
                if (candidate.path("name").asText().equals(service)) {
                    return candidate.path("instances").size();
                }
            }
            return 0;
        }

        String serviceStatus(String service) {
            for (JsonNode candidate : body.path("services")) {
                if (candidate.path("name").asText().equals(service)) {
                    return candidate.path("status").asText();
                }
            }
            return "absent";
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
