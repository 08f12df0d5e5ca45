package io.healthmonitor.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Schedule;
import io.healthmonitor.StatusChange;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testsupport.CapturedLog;
import io.nats.client.Connection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A failed write is tried again soon, not at the next heartbeat: a private nats-server, a publisher
 * that reaches it through a fault proxy, and a view on a direct connection that stays live.
 */
@Timeout(120)
class FleetPublisherRetryTest {

    /** Longer than any wait of a test: no heartbeat write happens while it runs. */
    private static final Duration NO_HEARTBEAT = Duration.ofMinutes(10);
    /** Every wait is for a real event; this bound only guards against a hang. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @Test
    void aStatusChangeWhoseWriteFailedReachesTheViewBeforeTheNextHeartbeat() {
        AtomicReference<HealthStatus> db = new AtomicReference<>(HealthStatus.HEALTHY);
        try (Nats nats = Nats.single();
                FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", nats.server(0).port()));
                CapturedLog log = CapturedLog.start();
                // Entries live three heartbeats (not the default 15 s), as if the publisher had made the bucket.
                FleetView view = FleetView.builder(nats.connect()).maxAge(NO_HEARTBEAT.multipliedBy(3)).build().start()) {
            Connection throughProxy = nats.connect("nats://127.0.0.1:" + proxy.port());
            try (FleetPublisher publisher = FleetPublisher.builder(throughProxy, "orders").instance("orders-1")
                            .heartbeat(NO_HEARTBEAT).build();
                    HealthMonitor monitor = HealthMonitor.builder()
                            .register(CheckRegistration.builder("db", context -> HealthResult.of(db.get(), null))
                                    .schedule(Schedule.background(Duration.ofMillis(50))).build())
                            .listener(publisher).logTransitions(false).build()) {
                publisher.start(monitor::report);
                Await.until(HANG_GUARD, "orders-1 healthy on the view", () -> status(view).equals(Optional.of(HealthStatus.HEALTHY)),
                        view::snapshot);

                // The change is written into the blackhole: no acknowledgement, so the write fails
                // after the 2 s request timeout, and says so once.
                proxy.blackhole();
                db.set(HealthStatus.UNHEALTHY);
                Await.until(HANG_GUARD, "the failed write's warning", () -> !log.lines(FleetPublisher.class, "WARN").isEmpty(),
                        log::lines);
                // The reset drops the held write, so the server never gets it; the client reconnects after heal().
                proxy.reset();
                Await.until(HANG_GUARD, "the publisher's connection lost", () -> throughProxy.getStatus() != Connection.Status.CONNECTED,
                        throughProxy::getStatus);
                proxy.heal();

                // The next heartbeat is ten minutes away, beyond the guard: only a retry can bring the change.
                Await.until(HANG_GUARD, "orders-1 unhealthy on the view", () -> status(view).equals(Optional.of(HealthStatus.UNHEALTHY)),
                        view::snapshot);
                Await.until(HANG_GUARD, "the recovery's INFO line", () -> !log.lines(FleetPublisher.class, "INFO").isEmpty(),
                        log::lines);
            }
            assertThat(log.lines(FleetPublisher.class, "WARN")).as("one warning for the run of failures").hasSize(1)
                    .allSatisfy(line -> assertThat(line).contains("publishing the health of orders.orders-1")
                            .contains("failed, and will be retried"));
            assertThat(log.lines(FleetPublisher.class, "INFO")).as("one line for the recovery").hasSize(1)
                    .allSatisfy(line -> assertThat(line).contains("works again"));
            assertThat(log.lines()).as("no stack trace").noneMatch(line -> line.startsWith("\tat "));
        }
    }

    @Test
    void closeEndsTheRetriesOfAPublisherThatCannotWrite() {
        ManualScheduler scheduler = new ManualScheduler();
        AtomicInteger attempts = new AtomicInteger();
        try (Nats nats = Nats.single();
                FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", nats.server(0).port()))) {
            Connection throughProxy = nats.connect("nats://127.0.0.1:" + proxy.port());
            proxy.blackhole();
            FleetPublisher publisher = FleetPublisher.builder(throughProxy, "orders").instance("orders-1")
                    .heartbeat(NO_HEARTBEAT).scheduler(scheduler).build();
            publisher.start(() -> {
                attempts.incrementAndGet();
                return FleetViewTest.report(HealthStatus.HEALTHY);
            });

            scheduler.runDue();   // the first write, on this thread: no answer within the 2 s request timeout
            assertThat(attempts).hasValue(1);
            assertThat(scheduler.pending()).as("the retry, then the heartbeat").containsExactly(Duration.ofMillis(250), NO_HEARTBEAT);

            publisher.close();

            assertThat(scheduler.pending()).as("neither the retry nor the heartbeat").isEmpty();
            HealthReport unhealthy = FleetViewTest.report(HealthStatus.UNHEALTHY);
            publisher.onStatusChange(new StatusChange("db", HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, unhealthy.checks().get(0)));
            scheduler.advance(NO_HEARTBEAT.multipliedBy(2));
            assertThat(attempts).as("no write after close()").hasValue(1);
        }
    }

    private static Optional<HealthStatus> status(FleetView view) {
        return view.instance("orders", "orders-1").map(FleetInstance::status);
    }
}
