package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testsupport.RequiredServices;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo with {@code REDIS_URL}: a blackholed Redis delayed its first answer by about 60 s (the
 * CoRIM profile store connected on the main thread); now nothing Redis does delays serving.
 */
class DemoRedisStartupTest {

    /**
     * What this guards against cannot answer sooner: connecting on the main thread waits for a
     * blackholed Redis for Lettuce's connect timeout (10 s; the old demo answered after about 60 s).
     * The bound is well below that failure, not a speed target: a loaded machine may take over a
     * second to start the demo and still pass.
     */
    private static final Duration AT_ONCE = Duration.ofSeconds(2);

    /** The first demo in a JVM loads and compiles everything it uses: start one first (see DemoNatsTest). */
    @BeforeAll
    static void warmUp() throws Exception {
        try (DemoService demo = DemoService.start(Map.of("PORT", "0"))) {
            new DemoClient(demo.port()).get("/health/live");
        }
    }

    @Test
    void servesAtOnceWhenRedisIsBlackholedAndSaysTheProfileStoreIsUnavailable() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", silent.getLocalPort()))) {
            proxy.blackhole();
            assertTimeoutPreemptively(AT_ONCE.multipliedBy(10), () -> {
                long start = System.nanoTime();
                try (DemoService demo = DemoService.start(Map.of("PORT", "0",
                        "REDIS_URL", "redis://:hunter2-secret@127.0.0.1:" + proxy.port()))) {
                    DemoClient http = new DemoClient(demo.port());
                    assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("from start() to /health/live").isLessThan(AT_ONCE);
                    assertThat(http.get("/api/v1/corim/profiles").statusCode()).as("store unavailable").isEqualTo(503);
                    assertThat(http.get("/health/detailed").body()).doesNotContain("hunter2");
                }
            });
        }
    }

    /** An operator's test read "not connected to Redis at redis://***@127.0.0.1:port: within 2000 ms". */
    @Test
    void namesTheWaitWhenRedisIsBlackholed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", silent.getLocalPort()))) {
            proxy.blackhole();
            try (DemoService demo = DemoService.start(Map.of("PORT", "0",
                    "REDIS_URL", "redis://:hunter2-secret@127.0.0.1:" + proxy.port()))) {
                DemoClient http = new DemoClient(demo.port());
                JsonNode store = firstResult(http);
                assertThat(store.get("message").asText()).as("%s", store).isEqualTo("CoRIM profile store failed:"
                        + " not connected to Redis at redis://***@127.0.0.1:" + proxy.port() + " within 2000 ms");
            }
        }
    }

    /** A Redis that refuses connections is named as such, not as a wait that did not happen. */
    @Test
    void saysWhyTheProfileStoreIsNotConnectedWhenRedisRefuses() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();   // nothing listens there once closed
        }
        try (DemoService demo = DemoService.start(Map.of("PORT", "0", "REDIS_URL", "redis://127.0.0.1:" + closedPort))) {
            DemoClient http = new DemoClient(demo.port());
            JsonNode store = firstResult(http);
            assertThat(store.get("status").asText()).as("%s", store).isEqualTo("unhealthy");
            assertThat(store.get("message").asText()).as("%s", store)
                    .contains("not connected to Redis at").contains("Connection refused")
                    .doesNotContain(" within ").doesNotContain("unresolved");
        }
    }

    /** The corim-profiles check once it has its first result: a bounded poll, given up after 15 s. */
    private static JsonNode firstResult(DemoClient http) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode store = profilesCheck(http);
        while (store.get("message").asText().equals("not yet checked") && System.nanoTime() < giveUp) {
            Thread.sleep(50);   // a bounded poll for the first result, not an assertion
            store = profilesCheck(http);
        }
        return store;
    }

    private static JsonNode profilesCheck(DemoClient http) throws Exception {
        for (JsonNode check : http.json("/health/detailed").get("checks")) {
            if (check.get("name").asText().equals("corim-profiles")) {
                return check;
            }
        }
        throw new AssertionError("no corim-profiles check");
    }

    @Test
    void storesTheSampleProfileInRedisOnceConnected() throws Exception {
        RequiredServices.assumeListening("Redis", "127.0.0.1", 6379);
        try (DemoService demo = DemoService.start(Map.of("PORT", "0", "REDIS_URL", "redis://127.0.0.1:6379"))) {
            DemoClient http = new DemoClient(demo.port());
            long giveUp = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int status = http.get("/api/v1/corim/profiles").statusCode();
            while (status != 200 && System.nanoTime() < giveUp) {
                Thread.sleep(50);   // a bounded poll for the background connect, not an assertion
                status = http.get("/api/v1/corim/profiles").statusCode();
            }
            JsonNode page = http.json("/api/v1/corim/profiles");
            assertThat(page.get("count").asInt()).as("%s", page).isGreaterThanOrEqualTo(1);
        }
    }
}
