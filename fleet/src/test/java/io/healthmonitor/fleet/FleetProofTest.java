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
 * over real HTTP. Waits are bounded polls of real conditions.
 */
@Timeout(120)
class FleetProofTest {

    /** Short, so that "within three heartbeats" is quick to prove; the default is 5 s. */
    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    /** Scheduling slack on a loaded 2-core machine on top of the bound under test. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    private final List<FleetMember> members = new ArrayList<>();

    @AfterEach
    void stopMembers() {
        members.forEach(FleetMember::close);
    }

    @Test
    void everyInstanceListsTheWholeFleetAndSeesChangesDeathsAndRecoveries() {
        try (Nats nats = Nats.single()) {
            for (int i = 1; i <= 3; i++) {
                members.add(new FleetMember(nats.connect(), "orders", "orders-" + i, HEARTBEAT, 1));
            }
            for (FleetMember member : members) {
                await(Duration.ofSeconds(15), "all three instances on " + member.fleetUri(), member,
                        fetched -> fetched.status() == 200 && "live".equals(fetched.viewStatus())
                                && fetched.instances("orders") == 3 && "healthy".equals(fetched.serviceStatus("orders")));
            }
            FleetMember.Fetched listed = members.get(0).fetch();
            assertThat(listed.instance("orders", "orders-2").path("checks").path("db").asText()).isEqualTo("healthy");
            assertThat(listed.instance("orders", "orders-2").path("version").asText()).isEqualTo("1.0.8");

            // One turns unhealthy: every view shows it within a second.
            members.get(1).turn(HealthStatus.UNHEALTHY);
            Duration unhealthy = await(Duration.ofSeconds(1), "orders-2 unhealthy everywhere", members,
                    fetched -> "unhealthy".equals(fetched.instance("orders", "orders-2").path("status").asText())
                            && "degraded".equals(fetched.serviceStatus("orders")));
            System.out.println("unhealthy visible on every view after " + unhealthy.toMillis() + " ms");
            members.get(1).turn(HealthStatus.HEALTHY);

            // One is killed: gone from every view within three heartbeats.
            FleetMember killed = members.remove(2);
            killed.crash();
            Duration gone = await(HEARTBEAT.multipliedBy(3).plus(SLACK), "orders-3 gone", members,
                    fetched -> fetched.instance("orders", "orders-3").isMissingNode() && fetched.instances("orders") == 2);
            System.out.println("killed instance gone from every view after " + gone.toMillis() + " ms");

            // NATS is killed: the views say so (503, disconnected), never a silent healthy.
            nats.server(0).kill();
            await(Duration.ofSeconds(5), "views disconnected", members,
                    fetched -> fetched.status() == 503 && "disconnected".equals(fetched.viewStatus()));
            // Blind, the views keep the last known instances, their ages growing until they are stale.
            await(HEARTBEAT.multipliedBy(3).plus(SLACK), "ages growing while NATS is down", members,
                    fetched -> "disconnected".equals(fetched.viewStatus()) && fetched.instances("orders") == 2
                            && fetched.instance("orders", "orders-1").path("stale").asBoolean()
                            && fetched.instance("orders", "orders-1").path("ageSeconds").asDouble() > 1.0
                            && "unhealthy".equals(fetched.serviceStatus("orders")));

            // NATS comes back: the views recover without restarting anything.
            nats.server(0).restart();
            Duration recovered = await(Duration.ofSeconds(30), "views live again", members,
                    fetched -> fetched.status() == 200 && "live".equals(fetched.viewStatus())
                            && fetched.instances("orders") == 2
                            && fetched.instance("orders", "orders-1").path("ageSeconds").asDouble() < 1.5);
            System.out.println("views live again " + recovered.toMillis() + " ms after the restart");
            members.get(0).turn(HealthStatus.DEGRADED);
            await(Duration.ofSeconds(2), "a change after the restart", members,
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
            await(Duration.ofSeconds(60), "all three instances over the cluster", members,
                    fetched -> "live".equals(fetched.viewStatus()) && fetched.instances("payments") == 3);

            nats.server(0).kill();

            members.get(2).turn(HealthStatus.UNHEALTHY);
            Duration seen = await(Duration.ofSeconds(30), "a change after losing a server", members,
                    fetched -> "live".equals(fetched.viewStatus()) && fetched.instances("payments") == 3
                            && "unhealthy".equals(fetched.instance("payments", "payments-3").path("status").asText())
                            && fetched.instance("payments", "payments-1").path("ageSeconds").asDouble() < 1.5);
            System.out.println("cluster view current again " + seen.toMillis() + " ms after a server died");
        }
    }

    private static Duration await(Duration timeout, String what, FleetMember member, Condition condition) {
        return await(timeout, what, List.of(member), condition);
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
