package io.healthmonitor.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.EndpointRequest;
import io.healthmonitor.http.EndpointResponse;
import io.healthmonitor.http.Endpoints;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The view and the endpoint against a private nats-server, with entries written by hand. */
@Timeout(60)
class FleetViewTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(300);
    /** Every wait is for a real event; this bound only guards against a hang. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @Test
    void skipsAndCountsWhatAHostilePublisherWritesAndKeepsServingTheRest() throws Exception {
        try (Nats nats = Nats.single(); FleetPublisher good = publisher(nats.connect(), "orders", "o-1");
                FleetView view = view(nats.connect())) {
            good.start(() -> report(HealthStatus.HEALTHY));
            Await.until(HANG_GUARD, "the good instance", () -> view.snapshot().service("orders").isPresent(),
                    view::snapshot);
            KeyValue bucket = nats.connect().keyValue(FleetPublisher.DEFAULT_BUCKET);

            bucket.put("orders.evil", "{\"status\":\"healthy\",\"time\":".getBytes(StandardCharsets.UTF_8));
            bucket.put("nodot", "{}".getBytes(StandardCharsets.UTF_8));
            bucket.put("orders.o-2", ("{\"status\":\"healthy\",\"time\":\"" + Instant.now() + "\",\"checks\":{\"db\":\"maybe\"}}")
                    .getBytes(StandardCharsets.UTF_8));

            Await.until(HANG_GUARD, "three entries skipped", () -> view.snapshot().skippedEntries() == 3,
                    view::snapshot);
            FleetSnapshot snapshot = view.snapshot();
            assertThat(snapshot.state()).isEqualTo(FleetSnapshot.State.LIVE);
            assertThat(snapshot.service("orders").orElseThrow().instances()).extracting(FleetInstance::id).containsExactly("o-1");
            assertThat(view.instance("orders", "o-1")).hasValueSatisfying(instance -> {
                assertThat(instance.status()).isEqualTo(HealthStatus.HEALTHY);
                assertThat(instance.checks()).containsEntry("db", HealthStatus.HEALTHY);
            });
            assertThat(view.instance("orders", "evil")).isEmpty();
        }
    }

    @Test
    void anEntryNobodyRefreshesIsGoneAfterTheMaxAgeEvenWithoutADeleteMarker() throws Exception {
        // Ages are read on the view's clock against the bucket's timestamp: the test moves the clock,
        // so stale (after two heartbeats) and gone (after the max age) are decided, not raced.
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Duration maxAge = HEARTBEAT.multipliedBy(3);
        try (Nats nats = Nats.single();
                FleetView view = FleetView.builder(nats.connect()).maxAge(maxAge).clock(now::get).build().start()) {
            Await.until(HANG_GUARD, "a live view", () -> view.snapshot().state() == FleetSnapshot.State.LIVE,
                    view::snapshot);
            KeyValue bucket = nats.connect().keyValue(FleetPublisher.DEFAULT_BUCKET);
            bucket.put("orders.once", SummaryJson.write(new Summary("orders", "once", HealthStatus.HEALTHY, Map.of(),
                    Instant.now(), null, HEARTBEAT, false)));
            Instant created = bucket.get("orders.once").getCreated().toInstant();
            now.set(created);
            Await.until(HANG_GUARD, "the entry", () -> view.snapshot().service("orders").isPresent(), view::snapshot);
            assertThat(view.snapshot().service("orders").orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);

            now.set(created.plus(HEARTBEAT.multipliedBy(2)).plusMillis(1));
            FleetService stale = view.snapshot().service("orders").orElseThrow();
            assertThat(stale.instances().get(0).stale()).as("older than two heartbeats").isTrue();
            assertThat(stale.status()).isEqualTo(HealthStatus.UNHEALTHY);

            now.set(created.plus(maxAge).plusMillis(1));
            assertThat(view.snapshot().service("orders")).as("older than the max age, no delete marker").isEmpty();
            assertThat(view.instance("orders", "once")).isEmpty();
        }
    }

    @Test
    void closingAPublisherDeletesItsEntryAtOnce() {
        try (Nats nats = Nats.single();
                FleetView view = FleetView.builder(nats.connect()).bucket("slow").maxAge(Duration.ofMinutes(10)).build().start()) {
            FleetPublisher publisher = FleetPublisher.builder(nats.connect(), "orders").instance("leaving").bucket("slow")
                    .heartbeat(Duration.ofMinutes(3)).build();
            publisher.start(() -> report(HealthStatus.HEALTHY));
            Await.until(HANG_GUARD, "the instance", () -> view.snapshot().service("orders").isPresent(),
                    view::snapshot);

            publisher.close();

            // The max age is ten minutes, beyond the guard: only the delete marker can make it go.
            Await.until(HANG_GUARD, "the instance gone", () -> view.snapshot().service("orders").isEmpty(),
                    view::snapshot);
        }
    }

    @Test
    void aWriteThatWaitedWhileThePublisherClosedDoesNotPutTheEntryBack() throws Exception {
        // A write checked 'closed' before taking the write lock: one that waited for the lock while
        // close() held it (deleting the entry) wrote the entry again afterwards, so a gracefully
        // stopped instance came back to the fleet until the max age. Made deterministic here: the
        // first write, holding the lock, lets a second one reach the lock and then closes the
        // publisher on its own thread (the lock is reentrant), as a close() winning the lock would.
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (Nats nats = Nats.single()) {
            Connection reader = nats.connect();
            AtomicReference<FleetPublisher> publisher = new AtomicReference<>();
            AtomicBoolean closeWhileWriting = new AtomicBoolean();
            AtomicReference<Thread> waiting = new AtomicReference<>();
            publisher.set(FleetPublisher.builder(nats.connect(), "orders").instance("leaving").heartbeat(Duration.ofMinutes(10))
                    .scheduler(scheduler).build());
            publisher.get().start(() -> {
                if (closeWhileWriting.getAndSet(false)) {
                    Thread second = new Thread(publisher.get()::publish, "second-write");
                    second.start();
                    waiting.set(second);
                    Await.until(HANG_GUARD, "the second write waiting for the lock",
                            () -> second.getState() == Thread.State.BLOCKED, second::getState);
                    publisher.get().close();
                }
                return report(HealthStatus.HEALTHY);
            });
            Await.until(HANG_GUARD, "the first entry", () -> entry(reader, "orders.leaving") != null, () -> "none");

            closeWhileWriting.set(true);
            publisher.get().publish();
            waiting.get().join(10_000);

            assertThat(waiting.get().isAlive()).isFalse();
            assertThat(reader.keyValue(FleetPublisher.DEFAULT_BUCKET).get("orders.leaving"))
                    .as("deleted by close(), and not written again").isNull();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void theEndpointServesOnlyAuthorizedCallersAndOnlyReads() {
        try (Nats nats = Nats.single(); FleetView view = view(nats.connect())) {
            Endpoints granted = Endpoints.of(FleetEndpoint.of(view, Authorizer.always()));
            Endpoints refused = Endpoints.of(FleetEndpoint.of(view, Authorizer.bearerToken("0123456789abcdef")));
            Await.until(HANG_GUARD, "a live view", () -> view.snapshot().state() == FleetSnapshot.State.LIVE,
                    view::snapshot);

            EndpointResponse ok = granted.handle(EndpointRequest.builder("GET", "/health/fleet").build());
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.contentType()).isEqualTo("application/json");
            assertThat(ok.headers()).containsEntry("Cache-Control", "no-store");
            assertThat(new String(ok.body(), StandardCharsets.UTF_8)).startsWith("{\"view\":{\"status\":\"live\"");
            assertThat(granted.handle(EndpointRequest.builder("HEAD", "/health/fleet").build()).status()).isEqualTo(200);
            EndpointResponse post = granted.handle(EndpointRequest.builder("POST", "/health/fleet").build());
            assertThat(post.status()).isEqualTo(405);
            assertThat(post.headers()).containsEntry("Allow", "GET, HEAD");
            assertThat(granted.handle(EndpointRequest.builder("GET", "/health/fleet")
                    .header("Accept", List.of("text/html")).build()).status()).isEqualTo(406);

            EndpointResponse anonymous = refused.handle(EndpointRequest.builder("GET", "/health/fleet").build());
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(new String(anonymous.body(), StandardCharsets.UTF_8)).doesNotContain("services");
            assertThat(refused.handle(EndpointRequest.builder("GET", "/health/fleet")
                    .header("Authorization", List.of("Bearer wrong-token-wrong-token")).build()).status()).isEqualTo(403);
            assertThat(granted.handle(EndpointRequest.builder("GET", "/health/other").build()).status()).isEqualTo(404);
        }
    }

    @Test
    void theEndpointNarrowsTheAnswerToOneService() throws Exception {
        try (Nats nats = Nats.single(); FleetPublisher orders = publisher(nats.connect(), "orders", "o-1");
                FleetPublisher billing = publisher(nats.connect(), "billing", "b-1"); FleetView view = view(nats.connect())) {
            orders.start(() -> report(HealthStatus.HEALTHY));
            billing.start(() -> report(HealthStatus.UNHEALTHY));
            Await.until(HANG_GUARD, "a live view of both services", () -> view.snapshot().state() == FleetSnapshot.State.LIVE
                    && view.snapshot().services().size() == 2, view::snapshot);
            Endpoints endpoints = Endpoints.of(FleetEndpoint.of(view, Authorizer.always()));

            EndpointResponse one = endpoints.handle(EndpointRequest.builder("GET", "/health/fleet").rawQuery("service=billing").build());
            assertThat(one.status()).isEqualTo(200);
            JsonNode json = new ObjectMapper().readTree(one.body());
            assertThat(json.get("view").get("status").asText()).isEqualTo("live");
            assertThat(json.get("services")).hasSize(1);
            assertThat(json.get("services").get(0).get("name").asText()).isEqualTo("billing");
            assertThat(json.get("services").get(0).get("status").asText()).isEqualTo("unhealthy");

            EndpointResponse unknown = endpoints.handle(EndpointRequest.builder("GET", "/health/fleet").rawQuery("service=shipping").build());
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("no instance of this service is known");
            for (String bad : List.of("", "orders.o-1", "x".repeat(65), "%3Cscript%3E")) {
                EndpointResponse refused = endpoints.handle(EndpointRequest.builder("GET", "/health/fleet").rawQuery("service=" + bad).build());
                assertThat(refused.status()).as("service=%s", bad).isEqualTo(400);
                assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("service must be 1 to 64 characters");
            }
        }
    }

    @Test
    void aPublisherRefusesIdsTheKeyRulesDoNotAllow() {
        try (Nats nats = Nats.single()) {
            Connection connection = nats.connect();
            assertThatThrownBy(() -> FleetPublisher.builder(connection, "orders.api"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no dot");
            assertThatThrownBy(() -> FleetPublisher.builder(connection, "orders").instance("host name"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instance id");
            assertThat(FleetPublisher.builder(connection, "orders").build().instance()).matches("[-/_=.a-zA-Z0-9]+");
        }
    }

    private static FleetPublisher publisher(Connection connection, String service, String instance) {
        return FleetPublisher.builder(connection, service).instance(instance).heartbeat(HEARTBEAT).build();
    }

    private static FleetView view(Connection connection) {
        return FleetView.builder(connection).maxAge(HEARTBEAT.multipliedBy(3)).build().start();
    }

    /** The live entry of a key in the default bucket; null when there is none, or no bucket yet. */
    private static io.nats.client.api.@org.jspecify.annotations.Nullable KeyValueEntry entry(Connection connection, String key) {
        try {
            return connection.keyValue(FleetPublisher.DEFAULT_BUCKET).get(key);
        } catch (java.io.IOException | io.nats.client.JetStreamApiException e) {
            return null;
        }
    }

    static HealthReport report(HealthStatus status) {
        CheckResult db = new CheckResult("db", status, null, Map.of(), null, Duration.ZERO, Instant.now(), true, Set.of(), true);
        return HealthReport.of(Instant.now(), Duration.ZERO, List.of(db));
    }
}
