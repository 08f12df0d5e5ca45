package io.healthmonitor.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.Schedule;
import io.nats.client.Connection;
import io.nats.client.api.KeyValueStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whoever starts first creates the bucket: a view with the default replicas (1) that starts before
 * publishers that ask for 3 must not leave the fleet on one server of a cluster. Before the fix the
 * bucket stayed R1, and killing the server that held it took every view down (disconnected, every
 * publish "503 No Responders") for as long as that server stayed dead.
 */
@Timeout(120)
class FleetBucketReplicasTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(200);

    @Test
    void publishersAskingForMoreReplicasScaleUpABucketAViewCreatedFirst() throws Exception {
        try (Nats nats = Nats.cluster()) {
            Connection viewConnection = nats.connect();
            FleetView view = FleetView.builder(viewConnection).maxAge(HEARTBEAT.multipliedBy(3)).build().start();
            Await.until(Duration.ofSeconds(60), "the view created the bucket and watches it",
                    () -> view.snapshot().state() == FleetSnapshot.State.LIVE, view::snapshot);
            assertThat(status(viewConnection).getReplicas()).as("the view's default replicas").isEqualTo(1);

            FleetPublisher publisher = FleetPublisher.builder(nats.connect(), "orders").instance("orders-1")
                    .heartbeat(HEARTBEAT).replicas(3).build();
            HealthMonitor monitor = HealthMonitor.builder()
                    .register(CheckRegistration.builder("db", context -> HealthResult.healthy())
                            .schedule(Schedule.background(Duration.ofMillis(100))).build())
                    .listener(publisher).build();
            try (view; publisher; monitor) {
                publisher.start(monitor::report);
                Await.until(Duration.ofSeconds(30), "the bucket scaled up to 3 replicas",
                        () -> replicas(viewConnection) == 3, () -> replicas(viewConnection));
                Await.until(Duration.ofSeconds(30), "orders-1 in the view",
                        () -> view.instance("orders", "orders-1").isPresent(), view::snapshot);

                String leader = status(viewConnection).getBackingStreamInfo().getClusterInfo().getLeader();
                nats.server(Integer.parseInt(leader.substring(1))).kill();
                Instant killed = Instant.now();

                Await.until(Duration.ofSeconds(60), "orders-1 published after the bucket's leader died, seen by the view",
                        () -> view.snapshot().state() == FleetSnapshot.State.LIVE && view.instance("orders", "orders-1")
                                .map(instance -> instance.age().compareTo(Duration.between(killed, Instant.now())) < 0)
                                .orElse(false),
                        view::snapshot);
            }
        }
    }

    private static KeyValueStatus status(Connection connection) throws Exception {
        return connection.keyValueManagement().getStatus(FleetPublisher.DEFAULT_BUCKET);
    }

    private static int replicas(Connection connection) {
        try {
            return status(connection).getReplicas();
        } catch (Exception e) {
            return -1;
        }
    }
}
