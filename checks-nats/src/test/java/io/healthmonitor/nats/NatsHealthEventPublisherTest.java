package io.healthmonitor.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Schedule;
import io.healthmonitor.StatusChange;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testing.MutableClock;
import io.healthmonitor.testsupport.CapturedLog;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NatsHealthEventPublisherTest {

    private static final Duration DELIVERY = Duration.ofSeconds(5);

    private static PrivateNats nats;

    @BeforeAll
    static void startServer() {
        nats = PrivateNats.start();
    }

    @AfterAll
    static void stopServer() {
        if (nats != null) {
            nats.close();
        }
    }

    @Test
    void publishesEachStatusChangeInOrderToTheCheckSubject() throws Exception {
        Subscription events = subscribe("health.orders.>");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
        NatsHealthEventPublisher publisher = NatsHealthEventPublisher.builder(nats.connect(), "orders").clock(clock).build();
        AtomicReference<HealthResult> next = new AtomicReference<>(HealthResult.healthy());
        try (HealthMonitor monitor = monitor(publisher, "db.primary", next)) {
            monitor.report();
            next.set(HealthResult.degraded("slow").withDetail("latencyMillis", 1200L));
            monitor.report();
            next.set(HealthResult.unhealthy("connection refused"));
            monitor.report();
            next.set(HealthResult.healthy());
            monitor.report();
        }

        List<Map<String, Object>> received = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Message message = events.nextMessage(DELIVERY);
            assertThat(message).as("event %d of 3", i + 1).isNotNull();
            assertThat(message.getSubject()).isEqualTo("health.orders.db_primary");
            received.add(MonitoringJson.parse(new String(message.getData(), StandardCharsets.UTF_8)));
        }
        assertThat(events.nextMessage(Duration.ofMillis(200))).as("a healthy start raises no event").isNull();

        assertThat(received).extracting(event -> event.get("previous") + "->" + event.get("current"))
                .containsExactly("healthy->degraded", "degraded->unhealthy", "unhealthy->healthy");
        assertThat(received).extracting(event -> event.get("sequence")).containsExactly(1L, 2L, 3L);
        Map<String, Object> first = received.get(0);
        assertThat(first).containsEntry("type", "status-change").containsEntry("version", 1L)
                .containsEntry("service", "orders").containsEntry("check", "db.primary")
                .containsEntry("critical", false).containsEntry("message", "slow")
                .containsEntry("publishedAt", clock.instant().toString())
                .containsEntry("tags", List.of("readiness"))
                .containsEntry("details", Map.of("latencyMillis", 1200L))
                .containsKeys("responseTime", "observedAt");
        assertThat(first.get("responseTime")).isInstanceOf(Long.class);
        assertThat(Instant.parse((String) first.get("observedAt"))).isNotNull();
        assertThat(received.get(1)).containsEntry("message", "connection refused");
    }

    @Test
    void publishesTheOutageOfAMonitoredServerAsItHappens() throws Exception {
        Subscription events = subscribe("health.fleet.>");
        NatsHealthEventPublisher publisher = NatsHealthEventPublisher.builder(nats.connect(), "fleet").build();
        try (PrivateNats monitored = PrivateNats.start(false)) {
            Connection connection = monitored.connect();
            MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
            NatsConnectionHealthCheck check = NatsConnectionHealthCheck.builder(connection)
                    .gracePeriod(Duration.ofSeconds(10)).clock(clock).build();
            try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).executor(Runnable::run)
                    .clock(clock).listener(publisher)
                    .register(CheckRegistration.builder("nats", check).schedule(Schedule.onDemand(Duration.ZERO)).build())
                    .build()) {
                assertThat(monitor.report().status()).isEqualTo(HealthStatus.HEALTHY);

                monitored.process().stop();
                Polling.await("the client notices the server is gone",
                        () -> connection.getStatus() != Connection.Status.CONNECTED);
                assertThat(monitor.report().status()).isEqualTo(HealthStatus.DEGRADED);
                clock.advance(Duration.ofSeconds(11));
                assertThat(monitor.report().status()).isEqualTo(HealthStatus.UNHEALTHY);

                monitored.process().restart();
                Polling.await("the check reports the reconnected connection healthy",
                        () -> monitor.report().status() == HealthStatus.HEALTHY);
            }
        }

        List<String> transitions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Message message = events.nextMessage(DELIVERY);
            assertThat(message).as("event %d of 3", i + 1).isNotNull();
            Map<String, Object> event = MonitoringJson.parse(new String(message.getData(), StandardCharsets.UTF_8));
            transitions.add(event.get("previous") + "->" + event.get("current") + "#" + event.get("sequence"));
        }
        assertThat(transitions).containsExactly("healthy->degraded#1", "degraded->unhealthy#2", "unhealthy->healthy#3");
    }

    @Test
    void publishesReportSnapshotsToTheServiceSubject() throws Exception {
        Subscription reports = subscribe("health.billing");
        NatsHealthEventPublisher publisher = NatsHealthEventPublisher.builder(nats.connect(), "billing").build();
        AtomicReference<HealthResult> next = new AtomicReference<>(HealthResult.degraded("queue is long"));
        try (HealthMonitor monitor = monitor(publisher, "queue", next)) {
            publisher.publish(monitor.report());
        }

        Message message = reports.nextMessage(DELIVERY);
        assertThat(message).isNotNull();
        Map<String, Object> report = MonitoringJson.parse(new String(message.getData(), StandardCharsets.UTF_8));
        assertThat(report).containsEntry("type", "report").containsEntry("service", "billing")
                .containsEntry("overallStatus", "degraded").containsKeys("timestamp", "responseTime", "sequence");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) report.get("checks");
        assertThat(checks).singleElement().satisfies(check -> assertThat(check)
                .containsEntry("name", "queue").containsEntry("status", "degraded")
                .containsEntry("message", "queue is long").containsEntry("critical", false));
    }

    @Test
    void publishesReportsPeriodicallyUntilCancelled() throws Exception {
        Subscription reports = subscribe("health.periodic");
        NatsHealthEventPublisher publisher = NatsHealthEventPublisher.builder(nats.connect(), "periodic").build();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (HealthMonitor monitor = monitor(publisher, "cache", new AtomicReference<>(HealthResult.healthy()))) {
            ScheduledFuture<?> snapshots = publisher.publishReports(monitor::report, scheduler, Duration.ofMillis(50));
            List<Object> sequences = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Message message = reports.nextMessage(DELIVERY);
                assertThat(message).as("snapshot %d", i + 1).isNotNull();
                sequences.add(MonitoringJson.parse(new String(message.getData(), StandardCharsets.UTF_8)).get("sequence"));
            }
            snapshots.cancel(false);
            assertThat(sequences).containsExactly(1L, 2L, 3L);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void publishesIntoAJetStreamStreamInOrder() throws Exception {
        Connection connection = nats.connect();
        String token = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String stream = "HEALTH_" + token;
        String prefix = "hm" + token + ".health";
        JetStreamManagement management = connection.jetStreamManagement();
        management.addStream(StreamConfiguration.builder().name(stream).subjects(prefix + ".>")
                .storageType(StorageType.Memory).build());
        NatsHealthEventPublisher publisher = NatsHealthEventPublisher.builder(connection, "orders").prefix(prefix)
                .jetStream(stream).build();
        AtomicReference<HealthResult> next = new AtomicReference<>(HealthResult.healthy());
        try (HealthMonitor monitor = monitor(publisher, "nats", next)) {
            next.set(HealthResult.unhealthy("down"));
            monitor.report();
            next.set(HealthResult.healthy());
            monitor.report();
        }

        Polling.await("JetStream stores both events",
                () -> streamMessages(management, stream) == 2);
        List<String> stored = new ArrayList<>();
        for (long sequence = 1; sequence <= 2; sequence++) {
            var message = management.getMessage(stream, sequence);
            assertThat(message.getSubject()).isEqualTo(prefix + ".orders.nats");
            Map<String, Object> event = MonitoringJson.parse(new String(message.getData(), StandardCharsets.UTF_8));
            stored.add(event.get("current") + "#" + event.get("sequence"));
        }
        assertThat(stored).containsExactly("unhealthy#1", "healthy#2");
    }

    @Test
    void logsAnEventThatJetStreamDoesNotAcknowledgeWithinTheAckTimeout() throws Exception {
        String token = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String stream = "UNACKED_" + token;
        String prefix = "hm" + token + ".health";
        nats.connect().jetStreamManagement().addStream(StreamConfiguration.builder().name(stream).subjects(prefix + ".>")
                .storageType(StorageType.Memory).build());
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", nats.port()));
             CapturedLog log = CapturedLog.start()) {
            Connection connection = nats.connect("nats://127.0.0.1:" + proxy.port());
            NatsHealthEventPublisher publisher = NatsHealthEventPublisher.builder(connection, "orders").prefix(prefix)
                    .jetStream(stream).ackTimeout(Duration.ofMillis(300)).build();
            proxy.blackhole();
            CheckResult result = new CheckResult("nats", HealthStatus.UNHEALTHY, "down", Map.of(), null, Duration.ZERO,
                    Instant.now(), true, Set.of(), true);
            long published = System.nanoTime();

            publisher.onStatusChange(new StatusChange("nats", HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, result));

            Polling.await("the missing acknowledgement is logged",
                    () -> !log.lines(NatsHealthEventPublisher.class).isEmpty());
            Duration waited = Duration.ofNanos(System.nanoTime() - published);
            assertThat(log.lines(NatsHealthEventPublisher.class, "WARN")).singleElement().asString()
                    .endsWith("JetStream did not acknowledge the health event on " + prefix + ".orders.nats in stream "
                            + stream + " within 300 ms");
            assertThat(waited).as("given up after the ack timeout, not after jnats' request cleanup interval")
                    .isLessThan(Options.DEFAULT_REQUEST_CLEANUP_INTERVAL);
        }
    }

    @Test
    void neverThrowsWhenTheConnectionIsClosed() throws Exception {
        Connection connection = nats.connect();
        NatsHealthEventPublisher publisher = NatsHealthEventPublisher.builder(connection, "orders").build();
        connection.close();
        CheckResult result = new CheckResult("nats", HealthStatus.UNHEALTHY, "down", Map.of(), null, Duration.ZERO,
                Instant.now(), true, Set.of(), true);

        assertThatCode(() -> publisher.onStatusChange(new StatusChange("nats", HealthStatus.HEALTHY,
                HealthStatus.UNHEALTHY, result))).doesNotThrowAnyException();
        assertThatCode(() -> publisher.publish(new HealthReport(HealthStatus.UNHEALTHY, Instant.now(), Duration.ZERO,
                List.of(result)))).doesNotThrowAnyException();
    }

    @Test
    void masksCredentialsInEvents() throws Exception {
        Subscription events = subscribe("health.secure.>");
        NatsHealthEventPublisher publisher = NatsHealthEventPublisher.builder(nats.connect(), "secure").build();
        AtomicReference<HealthResult> next = new AtomicReference<>(HealthResult.healthy());
        try (HealthMonitor monitor = monitor(publisher, "upstream", next)) {
            next.set(HealthResult.unhealthy("cannot reach nats://app:t0ps3cret@10.0.0.1:4222")
                    .withDetail("url", "nats://app:t0ps3cret@10.0.0.1:4222"));
            monitor.report();
        }

        Message message = events.nextMessage(DELIVERY);
        assertThat(message).isNotNull();
        String json = new String(message.getData(), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("t0ps3cret").contains("10.0.0.1:4222");
    }

    @Test
    void namesSubjectsAndRejectsInvalidNames() {
        Connection connection = nats.connect();
        NatsHealthEventPublisher publisher = NatsHealthEventPublisher.builder(connection, "orders").prefix("acme.health")
                .build();
        assertThat(publisher.subject("db.primary")).isEqualTo("acme.health.orders.db_primary");
        assertThat(publisher.reportSubject()).isEqualTo("acme.health.orders");

        assertThatThrownBy(() -> NatsHealthEventPublisher.builder(connection, "a.b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one subject token");
        assertThatThrownBy(() -> NatsHealthEventPublisher.builder(connection, "my service"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NatsHealthEventPublisher.builder(connection, "orders").prefix("health.>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without wildcards");
        assertThatThrownBy(() -> NatsHealthEventPublisher.builder(null, "orders"))
                .isInstanceOf(NullPointerException.class).hasMessage("connection");
        assertThatThrownBy(() -> NatsHealthEventPublisher.builder(connection, "orders").ackTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ackTimeout must be > 0");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            assertThatThrownBy(() -> publisher.publishReports(() -> null, scheduler, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("interval must be > 0");
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static long streamMessages(JetStreamManagement management, String stream) {
        try {
            return management.getStreamInfo(stream).getStreamState().getMsgCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Subscription subscribe(String subject) throws Exception {
        Connection subscriber = nats.connect();
        Subscription subscription = subscriber.subscribe(subject);
        subscriber.flush(DELIVERY);
        return subscription;
    }

    /** A monitor that runs the check on every report, on the caller's thread, and delivers events there too. */
    private static HealthMonitor monitor(NatsHealthEventPublisher publisher, String name,
            AtomicReference<HealthResult> next) {
        return HealthMonitor.builder().logTransitions(false).executor(Runnable::run).listener(publisher)
                .register(CheckRegistration.builder(name, ctx -> next.get()).critical(false).tags(CheckRegistration.READINESS)
                        .schedule(Schedule.onDemand(Duration.ZERO)).build())
                .build();
    }
}
