package io.healthmonitor.benchmarks.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthJson;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.Schedule;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.HealthEndpoints;
import io.healthmonitor.http.JdkHttpHandler;
import io.healthmonitor.http.MetricsEndpoint;
import io.healthmonitor.jdbc.DataSourceHealthCheck;
import io.healthmonitor.micrometer.HealthMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The endpoint under {@code wrk}: the demo's shape (JDK {@link HttpServer}, 8 request threads,
 * bearer token for details, Prometheus {@code /metrics}) with one check, PostgreSQL through
 * HikariCP with {@code SELECT pg_sleep(0.02)} (20 ms), cached 1 s; plus {@code /constant}, a
 * fixed byte array from a trivial handler on the same server and threads: the physical limit of
 * the HTTP layer. Listens on 127.0.0.1 only.
 *
 * <p>Environment: {@code PORT} (default 8080), {@code DATABASE_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code DATABASE_USER} (default {@code postgres}),
 * {@code DATABASE_PASSWORD}, {@code HEALTH_TOKEN} (default {@code load-test-token-0123456789}),
 * {@code SCHEDULE} ({@code on-demand}, the default: cached 1 s, a request after expiry waits for the
 * refresh; or {@code background}: run every second, reports never wait).
 * Runs until killed. See docs/benchmarks.md for the wrk commands.
 */
public final class LoadServer {

    /** The body of {@code /constant}: the size of an anonymous {@code /health} answer. */
    static final byte[] CONSTANT = "{\"status\":\"healthy\"}".getBytes(StandardCharsets.UTF_8);

    private LoadServer() {
    }

    /**
     * Starts the server and blocks.
     *
     * @param args unused
     * @throws IOException          if the port cannot be bound
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> env = System.getenv();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(env.getOrDefault("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
        config.setUsername(env.getOrDefault("DATABASE_USER", "postgres"));
        config.setPassword(env.get("DATABASE_PASSWORD"));
        config.setMaximumPoolSize(4);
        config.setPoolName("load");
        HikariDataSource dataSource = new HikariDataSource(config);

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HealthMonitor monitor = HealthMonitor.builder().listener(HealthMetrics.of(metrics, "load"))
                .register(CheckRegistration.builder("database", DataSourceHealthCheck.builder(dataSource)
                                .validationQuery("SELECT pg_sleep(0.02)").build())
                        .schedule("background".equals(env.get("SCHEDULE"))
                                ? Schedule.background(Duration.ofSeconds(1)) : Schedule.onDemand(Duration.ofSeconds(1)))
                        .tags(CheckRegistration.READINESS).build())
                .build();

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(env.getOrDefault("PORT", "8080"))), 0);
        ExecutorService requestThreads = Executors.newFixedThreadPool(8);
        server.setExecutor(requestThreads);
        Authorizer authorizer = Authorizer.bearerToken(env.getOrDefault("HEALTH_TOKEN", "load-test-token-0123456789"));
        JdkHttpHandler.of(HealthEndpoints.builder(monitor).authorizer(authorizer).build(),
                MetricsEndpoint.of(metrics::scrape, authorizer.or(Authorizer.loopbackOnly()))).mount(server);
        server.createContext("/constant", LoadServer::constant);
        monitor.awaitReady(Duration.ofSeconds(10));
        byte[] detailedCopy = HealthJson.detailed(monitor.report());
        server.createContext("/constant-detailed", exchange -> send(exchange, "application/json", detailedCopy));
        server.start();
        System.out.println("load server on http://127.0.0.1:" + server.getAddress().getPort()
                + " (/health, /health/detailed, /constant, /constant-detailed, /metrics)");
        new CountDownLatch(1).await();
    }

    private static void constant(HttpExchange exchange) throws IOException {
        send(exchange, "application/json", CONSTANT);
    }

    private static void send(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
