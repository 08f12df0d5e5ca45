package io.healthmonitor.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthStatus;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the snippets of docs/checks-nats.md and fails when the page and this code drift apart. */
class DocumentationTest {

    private static final Path PAGE = Path.of("..", "docs", "checks-nats.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "io", "healthmonitor", "nats", "DocumentationTest.java");

    @Test
    void usageSnippetWorks() throws Exception {
        try (PrivateNats nats = PrivateNats.start()) {
            Connection connection = nats.connect();
            Connection watcher = nats.connect();
            Subscription events = watcher.subscribe("health.orders.>");
            watcher.flush(Duration.ofSeconds(5));
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            try {
                HealthReport report = usage(connection, nats.monitoringUrl(), scheduler);

                assertThat(report.status()).as("%s", report).isEqualTo(HealthStatus.UNHEALTHY);
                assertThat(report.check("jetstream")).hasValueSatisfying(check ->
                        assertThat(check.message())
                                .isEqualTo("not found in JetStream: stream ORDERS, consumer ORDERS/billing"));
                Message event = events.nextMessage(Duration.ofSeconds(5));
                assertThat(event).isNotNull();
                assertThat(event.getSubject()).isEqualTo("health.orders.jetstream");
                Map<String, Object> json = MonitoringJson.parse(new String(event.getData(), StandardCharsets.UTF_8));
                assertThat(json).containsEntry("current", "unhealthy");
            } finally {
                scheduler.shutdownNow();
            }
        }
    }

    @Test
    void loggingSnippetConnectsWithTheListenerInItsOptions() throws Exception {
        try (PrivateNats nats = PrivateNats.start(false)) {
            Connection connection = nats.own(logging(nats.url()));

            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            assertThat(connection.getOptions().getErrorListener()).isInstanceOf(NatsConnectionLogging.class);
            assertThat(connection.getOptions().getConnectionListener()).isInstanceOf(NatsConnectionLogging.class);
        }
    }

    @Test
    void documentedSnippetsAreTheCompiledOnes() throws Exception {
        String page = Files.readString(PAGE);
        String source = Files.readString(SOURCE);
        for (String snippet : List.of("usage", "logging")) {
            Matcher documented = Pattern.compile("<!-- snippet:" + snippet + " -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
                    .matcher(page);
            assertThat(documented.find()).as("docs/checks-nats.md has the %s snippet", snippet).isTrue();
            Matcher compiled = Pattern.compile("// snippet:" + snippet + "\\n(.*?)\\n\\s*// end-snippet", Pattern.DOTALL)
                    .matcher(source);
            assertThat(compiled.find()).as("this test has the %s snippet", snippet).isTrue();
            assertThat(normalise(documented.group(1))).as("snippet %s", snippet).isEqualTo(normalise(compiled.group(1)));
        }
    }

    private static Connection logging(String url) throws IOException, InterruptedException {
        // snippet:logging
        NatsConnectionLogging logging = NatsConnectionLogging.of();
        Connection connection = Nats.connect(new Options.Builder()
                .server(url)
                .connectionName("orders")
                .maxReconnects(-1)
                .connectionListener(logging)
                .errorListener(logging)
                .build());
        // end-snippet
        return connection;
    }

    private static HealthReport usage(Connection connection, URI monitoringUrl, ScheduledExecutorService scheduler)
            throws InterruptedException {
        // snippet:usage
        NatsHealthEventPublisher events = NatsHealthEventPublisher.builder(connection, "orders").build();
        HealthMonitor monitor = HealthMonitor.builder()
                .listener(events)
                .register("nats", NatsConnectionHealthCheck.builder(connection)
                        .gracePeriod(Duration.ofSeconds(10))
                        .build())
                .register(CheckRegistration.builder("jetstream", JetStreamHealthCheck.builder(connection)
                                .streams("ORDERS")
                                .consumer("ORDERS", "billing")
                                .maxPending(1_000)
                                .build())
                        .timeout(Duration.ofSeconds(3))
                        .critical(true)
                        .build())
                .register(CheckRegistration.builder("nats-server", NatsServerHealthCheck.builder(monitoringUrl)
                                .jetStream(true)
                                .build())
                        .critical(false)
                        .build())
                .build();
        ScheduledFuture<?> snapshots = events.publishReports(monitor::report, scheduler, Duration.ofSeconds(30));
        // end-snippet
        HealthReport report = monitor.report();
        snapshots.cancel(false);
        monitor.close();
        return report;
    }

    private static List<String> normalise(String code) {
        return code.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
