package io.healthmonitor.examples;

import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.DiskSpaceHealthCheck;
import io.healthmonitor.HealthMetrics;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HttpEndpointHealthCheck;
import io.healthmonitor.MemoryHealthCheck;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.HealthHttpHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain-Java service that embeds Health Monitor: {@code /health}, {@code /health/detailed} and
 * the other health endpoints, and {@code /metrics} for Prometheus, on the JDK's HttpServer.
 *
 * <p>Environment: {@code PORT} (default 8080), {@code HEALTH_TOKEN} (a bearer token that unlocks
 * details; when unset, details are served to loopback callers only), {@code SERVICE_NAME}
 * (the metrics prefix, default {@code demo}).
 */
public final class DemoService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoService.class);

    private final HttpServer server;
    private final HealthMonitor monitor;
    private final ExecutorService requestThreads;

    private DemoService(HttpServer server, HealthMonitor monitor, ExecutorService requestThreads) {
        this.server = server;
        this.monitor = monitor;
        this.requestThreads = requestThreads;
    }

    /**
     * Starts the service.
     *
     * @param environment the configuration, as environment variables
     * @return the running service
     * @throws IOException if the port cannot be bound
     */
    public static DemoService start(Map<String, String> environment) throws IOException {
        int port = Integer.parseInt(environment.getOrDefault("PORT", "8080"));
        String prefix = environment.getOrDefault("SERVICE_NAME", "demo").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        int boundPort = server.getAddress().getPort();

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HealthMonitor monitor = HealthMonitor.builder()
                .listener(HealthMetrics.of(metrics, prefix))
                .register(CheckRegistration.builder("disk", DiskSpaceHealthCheck.of(Path.of(".").toAbsolutePath()))
                        .tags(CheckRegistration.READINESS).build())
                .register(CheckRegistration.builder("memory", MemoryHealthCheck.of())
                        .tags(CheckRegistration.LIVENESS).build())
                .register(CheckRegistration.builder("self-http", HttpEndpointHealthCheck.builder(
                                URI.create("http://127.0.0.1:" + boundPort + "/health/live"))
                                .timeout(Duration.ofSeconds(1)).build())
                        .critical(false).build())
                .build();

        String token = environment.get("HEALTH_TOKEN");
        Authorizer authorizer = token == null || token.isBlank() ? Authorizer.loopbackOnly() : Authorizer.bearerToken(token);
        HealthHttpHandler.builder(monitor).authorizer(authorizer).build().mount(server);
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        ExecutorService requestThreads = Executors.newFixedThreadPool(8);
        server.setExecutor(requestThreads);
        server.start();
        LOG.info("demo service on http://127.0.0.1:{}/health/detailed", boundPort);
        return new DemoService(server, monitor, requestThreads);
    }

    /**
     * Returns the port the service listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops the server and the monitor. */
    @Override
    public void close() {
        server.stop(0);
        monitor.close();
        requestThreads.shutdownNow();
    }

    /**
     * Runs the service until the process is stopped.
     *
     * @param args ignored; configuration comes from the environment
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        DemoService service = start(System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "demo-shutdown"));
    }
}
