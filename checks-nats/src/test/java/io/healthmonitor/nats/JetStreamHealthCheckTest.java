package io.healthmonitor.nats;

import io.healthmonitor.CheckContext;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testing.HealthCheckContract;
import io.healthmonitor.testsupport.RequiredServices;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JetStreamHealthCheckTest implements HealthCheckContract {

    private static PrivateNats nats;
    private final List<AutoCloseable> resources = new ArrayList<>();

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

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Override
    public HealthCheck checkOfLiveDependency() {
        return JetStreamHealthCheck.of(nats.connect());
    }

    @Override
    public HealthCheck checkOfUnreachableDependency() {
        PrivateNats doomed = PrivateNats.start();
        resources.add(doomed);
        Connection connection = doomed.connect();
        doomed.process().kill();
        Polling.await("the client notices the server is gone", () -> connection.getStatus() != Connection.Status.CONNECTED);
        return JetStreamHealthCheck.of(connection);
    }

    @Override
    public HealthCheck checkOfBlackholedDependency() {
        FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", nats.port()));
        resources.add(proxy);
        Connection connection = nats.connect("nats://127.0.0.1:" + proxy.port());
        proxy.blackhole();
        return JetStreamHealthCheck.of(connection);
    }

    @Test
    void reportsHealthyWithAccountStreamAndConsumerDetails() throws Exception {
        Connection connection = nats.connect();
        String stream = createStream(connection, unique("ORDERS"));
        String consumer = createPullConsumer(connection, stream, "billing");
        publish(connection, stream, 3);

        HealthResult result = JetStreamHealthCheck.builder(connection).streams(stream).consumer(stream, consumer).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsKeys("accountStreams", "accountConsumers", "memoryBytes", "storageBytes");
        Map<String, Object> streamDetails = map(map(result.details().get("streams")).get(stream));
        assertThat(streamDetails).containsEntry("messages", 3L).containsEntry("consumers", 1L);
        assertThat((Long) streamDetails.get("bytes")).isPositive();
        assertThat(result.details().get("consumers")).isEqualTo(Map.of(stream + "/" + consumer,
                Map.of("pendingMessages", 3L, "ackPendingMessages", 0L, "redeliveredMessages", 0L)));
    }

    @Test
    void reportsMissingStreamAsUnhealthyNamingIt() {
        Connection connection = nats.connect();
        String present = createStream(connection, unique("PRESENT"));
        String missing = unique("MISSING");

        HealthResult result = JetStreamHealthCheck.builder(connection).streams(present, missing).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("not found in JetStream: stream " + missing);
        assertThat(map(result.details().get("streams"))).containsOnlyKeys(present);
    }

    @Test
    void reportsMissingConsumerAsUnhealthyNamingIt() {
        Connection connection = nats.connect();
        String stream = createStream(connection, unique("NOCONSUMER"));

        HealthResult result = JetStreamHealthCheck.builder(connection).consumer(stream, "ghost").build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("not found in JetStream: consumer " + stream + "/ghost");
    }

    @Test
    void reportsConsumerLagAboveTheThresholdAsDegraded() throws Exception {
        Connection connection = nats.connect();
        String stream = createStream(connection, unique("LAG"));
        String consumer = createPullConsumer(connection, stream, "worker");
        publish(connection, stream, 5);
        JetStreamHealthCheck check = JetStreamHealthCheck.builder(connection).consumer(stream, consumer).maxPending(4).build();

        HealthResult lagging = check.check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(lagging.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(lagging.message()).isEqualTo("consumer " + stream + "/worker has 5 pending messages (more than 4)");

        // The consumer catches up: it fetches and acknowledges everything, and the lag is gone.
        JetStreamSubscription subscription = connection.jetStream().subscribe(null,
                PullSubscribeOptions.bind(stream, consumer));
        List<Message> messages = subscription.fetch(5, Duration.ofSeconds(2));
        assertThat(messages).hasSize(5);
        messages.forEach(Message::ack);
        HealthResult caughtUp = Polling.await("the acknowledgements reach the server", () -> check.check(CheckContext.of("test", Duration.ofSeconds(5))),
                result -> result.status() == HealthStatus.HEALTHY);
        assertThat(map(caughtUp.details().get("consumers"))).containsEntry(stream + "/worker",
                Map.of("pendingMessages", 0L, "ackPendingMessages", 0L, "redeliveredMessages", 0L));
    }

    @Test
    void reportsUnacknowledgedMessagesAboveTheThresholdAsDegraded() throws Exception {
        Connection connection = nats.connect();
        String stream = createStream(connection, unique("ACKLAG"));
        String consumer = createPullConsumer(connection, stream, "slow");
        publish(connection, stream, 3);
        JetStreamSubscription subscription = connection.jetStream().subscribe(null,
                PullSubscribeOptions.bind(stream, consumer));
        assertThat(subscription.fetch(3, Duration.ofSeconds(2))).hasSize(3);

        HealthResult result = JetStreamHealthCheck.builder(connection).consumer(stream, consumer).maxAckPending(2)
                .build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).isEqualTo("consumer " + stream + "/slow has 3 messages awaiting acknowledgement"
                + " (more than 2)");
    }

    @Test
    void reportsServerWithoutJetStreamAsUnhealthy() {
        try (PrivateNats plain = PrivateNats.start(false)) {
            HealthResult result = JetStreamHealthCheck.of(plain.connect()).check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).startsWith("JetStream ").contains("account information");
        }
    }

    @Test
    void boundsEachRequestByWhatIsLeftOfTheDeadline() throws Exception {
        Connection direct = nats.connect();
        String[] streams = {createStream(direct, unique("SLOW_A")), createStream(direct, unique("SLOW_B")),
                createStream(direct, unique("SLOW_C")), createStream(direct, unique("SLOW_D"))};
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", nats.port()))) {
            Connection connection = nats.connect("nats://127.0.0.1:" + proxy.port());
            // Each request and its answer are delayed: about 500 ms a request, so the account request
            // and the first streams use up most of the deadline and a later request gets only what is left.
            proxy.latency(Duration.ofMillis(250));

            CheckResult result = HealthCheckContract.runUnderDeadline(
                    JetStreamHealthCheck.builder(connection).streams(streams).build());

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).as("the check names the request it was on, before the engine's deadline")
                    .matches("JetStream did not answer (?:a|the) request for stream SLOW_[A-D]_\\w+ within \\d+ ms: .*");
            assertThat(ReportedWait.millis(result.message())).as("the last request waited only for what was left of the deadline")
                    .isLessThan(DEADLINE.toMillis() / 2);
        }
    }

    @Test
    void reportsClosedConnectionAsUnhealthy() throws Exception {
        Connection connection = nats.connect();
        connection.close();

        HealthResult result = JetStreamHealthCheck.of(connection).check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("JetStream is unreachable: the NATS connection is CLOSED");
    }

    /** The one test against the shared server: a uniquely named stream of its own, deleted afterwards. */
    @Test
    void reportsSharedServerStreamHealthy() throws Exception {
        RequiredServices.assumeListening("NATS", "127.0.0.1", 4222);
        Connection connection = nats.own(io.nats.client.Nats.connect(PrivateNats.options("nats://127.0.0.1:4222")));
        String stream = unique("HM_IT_NATS");
        JetStreamManagement management = connection.jetStreamManagement();
        management.addStream(StreamConfiguration.builder().name(stream).subjects(stream + ".>")
                .storageType(StorageType.Memory).build());
        try {
            HealthResult result = JetStreamHealthCheck.builder(connection).streams(stream).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.HEALTHY);
            assertThat(map(result.details().get("streams"))).containsKey(stream);
        } finally {
            management.deleteStream(stream);
        }
    }

    @Test
    void rejectsInvalidOptions() {
        JetStreamHealthCheck.Builder builder = JetStreamHealthCheck.builder(nats.connect());
        assertThatThrownBy(() -> builder.streams(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stream name must not be blank");
        // Such names used to be accepted: 'ORDERS.EU' waited out the deadline for a subject no one answers,
        // 'ORDERS*' and 'MY ORDERS' made jnats throw at every probe.
        assertThatThrownBy(() -> builder.streams("ORDERS.EU")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stream name must not contain whitespace, '.', '*', '>', '/' or '\\', was 'ORDERS.EU'");
        assertThatThrownBy(() -> builder.streams("ORDERS*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.consumer("ORDERS", "my billing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("consumer name must not contain whitespace, '.', '*', '>', '/' or '\\', was 'my billing'");
        assertThatThrownBy(() -> builder.consumer("S", null)).isInstanceOf(NullPointerException.class).hasMessage("consumer");
        assertThatThrownBy(() -> builder.maxPending(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxPending must be >= 0");
        assertThatThrownBy(() -> builder.maxAckPending(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAckPending must be >= 0");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String createStream(Connection connection, String name) {
        try {
            connection.jetStreamManagement().addStream(StreamConfiguration.builder().name(name).subjects(name + ".>")
                    .storageType(StorageType.Memory).build());
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create stream " + name, e);
        }
    }

    private static String createPullConsumer(Connection connection, String stream, String durable) throws Exception {
        connection.jetStreamManagement().addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable(durable)
                .ackPolicy(AckPolicy.Explicit).ackWait(Duration.ofMinutes(5)).build());
        return durable;
    }

    private static void publish(Connection connection, String stream, int count) throws Exception {
        JetStream jetStream = connection.jetStream();
        for (int i = 0; i < count; i++) {
            jetStream.publish(stream + ".event", ("event " + i).getBytes(StandardCharsets.UTF_8));
        }
    }
}
