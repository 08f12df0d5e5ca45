package io.healthmonitor.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.HealthStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The proof, on real nats-servers of the test's own: three instances, each with its own
 * connection, monitor, publisher, view and HTTP server; every assertion reads {@code /health/fleet}
 * over real HTTP. Every wait is for a real event, and its bound is only a hang guard: how fast the
 * events come is measured (printed) and written in docs/benchmarks.md, never asserted here. Where
 * the claim is about the mechanism (a change travels at once, not with the next heartbeat;
 * an entry seen after a restart was written after it), the test makes the mechanism the only way
 * the event can happen within the guard.
 */
@Timeout(180)
class FleetProofTest {

    /** Short, so that an instance killed without a goodbye ages out quickly; the default is 5 s. */
    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    /** Longer than any wait of a test: no heartbeat write happens while such a test runs. */
    private static final Duration NO_HEARTBEAT = Duration.ofMinutes(10);
    /** Only against a hang: far above what any step takes, even on a loaded 2-core machine. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private final List<FleetMember> members = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        members.forEach(FleetMember::close);
    }

    @Test
    void everyInstanceListsTheWholeFleetAndSeesAChangeWithoutWaitingForAHeartbeat() {
        try (Nats nats = Nats.single()) {
            for (int i = 1; i <= 3; i++) {
                members.add(new FleetMember(nats.connect(), "orders", "orders-" + i, NO_HEARTBEAT, 1));
            }
            // The first write of each happens at start; a failed one (three publishers and three views
            // racing to create the bucket on a loaded machine) is retried within seconds, not at the
            // heartbeat minutes away.
            await("all three instances on every view", members,
                    fetched -> fetched.status() == 200 && "live".equals(fetched.viewStatus())
                            && fetched.instances("orders") == 3 && "healthy".equals(fetched.serviceStatus("orders")));
            FleetMember.Fetched listed = members.get(0).fetch();
            assertThat(listed.instance("orders", "orders-2").path("checks").path("db").asText()).isEqualTo("healthy");
            assertThat(listed.instance("orders", "orders-2").path("version").asText()).isEqualTo("1.0.8");

            // One turns unhealthy. The next heartbeat is minutes away, beyond the guard: only the
            // status change itself, published at once, can bring it to every view.
            members.get(1).turn(HealthStatus.UNHEALTHY);
            Duration unhealthy = await("orders-2 unhealthy everywhere", members,
                    fetched -> "unhealthy".equals(fetched.instance("orders", "orders-2").path("status").asText())
                            && "degraded".equals(fetched.serviceStatus("orders")));
            System.out.println("measured: unhealthy visible on every view after " + unhealthy.toMillis() + " ms");

            members.get(1).turn(HealthStatus.HEALTHY);
            await("orders-2 healthy again everywhere", members,
                    fetched -> "healthy".equals(fetched.instance("orders", "orders-2").path("status").asText())
                            && "healthy".equals(fetched.serviceStatus("orders")));
        }
    }

    @Test
    void aKilledInstanceAgesOutAndTheViewsSurviveANatsRestart() {
        try (Nats nats = Nats.single()) {
            for (int i = 1; i <= 3; i++) {
                members.add(new FleetMember(nats.connect(), "orders", "orders-" + i, HEARTBEAT, 1));
            }
            await("all three instances on every view", members,
                    fetched -> "live".equals(fetched.viewStatus()) && fetched.instances("orders") == 3);

            // One is killed: its connection drops first, so no delete marker is written; it leaves
            // every view only by ageing out (the max age: three heartbeats).
            FleetMember killed = members.remove(2);
            killed.crash();
            Duration gone = await("orders-3 gone", members,
                    fetched -> fetched.instance("orders", "orders-3").isMissingNode() && fetched.instances("orders") == 2);
            System.out.println("measured: killed instance gone from every view after " + gone.toMillis() + " ms");

            // NATS is killed: the views say so (503, disconnected), never a silent healthy.
            nats.server(0).kill();
            await("views disconnected", members,
                    fetched -> fetched.status() == 503 && "disconnected".equals(fetched.viewStatus()));
            // Blind, the views keep the last known instances, their ages growing until they are stale.
            await("ages growing while NATS is down", members,
                    fetched -> "disconnected".equals(fetched.viewStatus()) && fetched.instances("orders") == 2
                            && fetched.instance("orders", "orders-1").path("stale").asBoolean()
                            && fetched.instance("orders", "orders-1").path("ageSeconds").asDouble() > 1.0
                            && "unhealthy".equals(fetched.serviceStatus("orders")));

            // NATS comes back: the views recover without restarting anything, and show entries
            // written after the restart.
            long restarted = System.nanoTime();
            nats.server(0).restart();
            Duration recovered = await("views live again, with orders-1 written after the restart", members,
                    fetched -> fetched.status() == 200 && "live".equals(fetched.viewStatus())
                            && fetched.instances("orders") == 2 && writtenSince(fetched, "orders", "orders-1", restarted));
            System.out.println("measured: views live again " + recovered.toMillis() + " ms after the restart");
            members.get(0).turn(HealthStatus.DEGRADED);
            await("a change after the restart", members,
                    fetched -> "degraded".equals(fetched.instance("orders", "orders-1").path("status").asText()));
        }
    }

    @Test
    void aThreeServerClusterKeepsTheViewWorkingWhenOneServerDies() {
        try (Nats nats = Nats.cluster()) {
            for (int i = 1; i <= 3; i++) {
                // Each instance prefers another server, so that one of them loses its server.
                String urls = nats.url(i - 1) + "," + nats.urls();
                members.add(new FleetMember(nats.connect(urls), "payments", "payments-" + i, HEARTBEAT, 3));
            }
            await("all three instances over the cluster", members,
                    fetched -> "live".equals(fetched.viewStatus()) && fetched.instances("payments") == 3);

            long died = System.nanoTime();
            nats.server(0).kill();

            members.get(2).turn(HealthStatus.UNHEALTHY);
            Duration seen = await("a change after losing a server, and entries written since", members,
                    fetched -> "live".equals(fetched.viewStatus()) && fetched.instances("payments") == 3
                            && "unhealthy".equals(fetched.instance("payments", "payments-3").path("status").asText())
                            && writtenSince(fetched, "payments", "payments-1", died));
            System.out.println("measured: cluster view current again " + seen.toMillis() + " ms after a server died");
        }
    }

    /**
     * Whether the view shows an entry of the instance that the bucket stored after {@code since}
     * (a {@link System#nanoTime()}): its age is shorter than the time since then. Ages are in tenths
     * of a second, rounded, hence the 0.05 s.
     */
    private static boolean writtenSince(FleetMember.Fetched fetched, String service, String id, long since) {
        double age = fetched.instance(service, id).path("ageSeconds").asDouble(Double.MAX_VALUE);
        return age + 0.05 < (fetched.sentNanos() - since) / 1e9;
    }

    private static Duration await(String what, List<FleetMember> on, Condition condition) {
        return await(HANG_GUARD, what, on, condition);
    }

    private static Duration await(Duration timeout, String what, List<FleetMember> on, Condition condition) {
        List<FleetMember.Fetched> last = new ArrayList<>();
        return Await.elapsed(timeout, what, () -> {
            last.clear();
            boolean all = true;
            for (FleetMember member : on) {
                FleetMember.Fetched fetched = member.fetch();
                last.add(fetched);
                all &= condition.holds(fetched);
            }
            return all;
        }, () -> last);
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds(FleetMember.Fetched fetched);
    }
}
