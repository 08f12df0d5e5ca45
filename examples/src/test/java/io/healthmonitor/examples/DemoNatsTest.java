package io.healthmonitor.examples;

import static io.healthmonitor.examples.DemoClient.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testsupport.RequiredServices;
import io.healthmonitor.testsupport.ServerProcess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo with {@code NATS_URL}: NATS never stops or delays it from serving its health endpoints. */
class DemoNatsTest {

    /**
     * What this guards against cannot answer sooner: a demo that waited for one NATS connect attempt
     * (its connectionTimeout, 2 s) or one reconnect wait (jnats' 2 s) before serving, or that hung
     * for as long as NATS is down. So the bound is that failure's lower bound, not a speed target:
     * a loaded machine may take a second to start the demo (1.2 s seen), and still pass.
     */
    private static final Duration AT_ONCE = Duration.ofSeconds(2);

    /**
     * The first demo in a JVM loads and compiles everything it uses (about 1 s here, with or without
     * NATS; 50 to 120 ms afterwards): start one first, so that the bound measures what NATS adds.
     */
    @BeforeAll
    static void warmUp() throws Exception {
        try (DemoService demo = DemoService.start(Map.of("PORT", "0"))) {
            new DemoClient(demo.port()).get("/health/live");
        }
    }

    @Test
    void servesAtOnceAndReportsNatsUnhealthyWhenNatsRefusesConnections() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();   // nothing listens there once closed
        }
        assertServesAtOnceWithNatsUnhealthy("nats://app:hunter2-secret@127.0.0.1:" + closedPort);
    }

    @Test
    void servesAtOnceAndReportsNatsUnhealthyWhenNatsIsBlackholed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", silent.getLocalPort()))) {
            proxy.blackhole();   // connections are accepted, and nothing ever answers
            assertServesAtOnceWithNatsUnhealthy("nats://app:hunter2-secret@127.0.0.1:" + proxy.port());
        }
    }

    /**
     * Only the start-up invocation waits for a NATS that never answers: later ones report at once
     * (their message names no wait), so a report after the cache expired does not take ~2 s.
     */
    @Test
    void waitsForTheFirstConnectOnlyInTheStartUpInvocation() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", silent.getLocalPort()))) {
            proxy.blackhole();   // connections are accepted, and nothing ever answers
            String atOnce = "not connected to NATS at nats://127.0.0.1:" + proxy.port() + ": connecting in the background";
            try (DemoService demo = DemoService.start(Map.of("PORT", "0", "NATS_URL", "nats://127.0.0.1:" + proxy.port()))) {
                DemoClient http = new DemoClient(demo.port());
                long giveUpAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                JsonNode nats = natsCheck(http);
                while (!nats.get("message").asText().equals(atOnce) && System.nanoTime() < giveUpAt) {
                    Thread.sleep(100);   // a bounded poll: past the start-up invocation, then a refresh
                    nats = natsCheck(http);
                }
                assertThat(nats.get("message").asText()).as("%s", nats).isEqualTo(atOnce);
            }
        }
    }

    /**
     * An operator's test: with a wrong NATS password jnats closes the connection after the server's
     * second refusal, and the check went on saying "connecting in the background" for ever.
     */
    @Test
    void saysTheClientGaveUpWhenNatsRefusesTheCredentials() throws Exception {
        String natsServer = RequiredServices.assumeCommand("nats-server").toString();
        try (ServerProcess nats = ServerProcess.start("nats", port -> List.of(natsServer, "-a", "127.0.0.1",
                     "-p", String.valueOf(port), "--user", "app", "--pass", "right-secret"));
             DemoService demo = DemoService.start(Map.of("PORT", "0",
                     "NATS_URL", "nats://app:hunter2-wrong@127.0.0.1:" + nats.port()))) {
            DemoClient http = new DemoClient(demo.port());
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            JsonNode check = natsCheck(http);
            while (!check.get("message").asText().contains("gave up") && System.nanoTime() < giveUpAt) {
                Thread.sleep(100);   // a bounded poll: jnats gives up after two refused attempts
                check = natsCheck(http);
            }
            assertThat(check.get("status").asText()).isEqualTo("unhealthy");
            assertThat(check.get("message").asText()).as("%s", check).matches("not connected to NATS at nats://\\*\\*\\*@127\\.0\\.0\\.1:"
                    + nats.port() + "( within \\d+ ms)?: the client gave up and closed the connection"
                    + " \\(last error: .*Authorization Violation.*\\); restart the service to try again");
            assertThat(check.at("/details/connectionStatus").asText()).isEqualTo("CLOSED");
            assertThat(http.get("/health/detailed").body()).doesNotContain("hunter2");
        }
    }

    @Test
    void reportsNatsHealthyOnceItHasConnected() throws Exception {
        RequiredServices.assumeListening("NATS", "127.0.0.1", 4222);
        try (DemoService demo = DemoService.start(Map.of("PORT", "0", "NATS_URL", "nats://127.0.0.1:4222"))) {
            DemoClient http = new DemoClient(demo.port());
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            JsonNode nats = natsCheck(http);
            while (!nats.get("status").asText().equals("healthy") && System.nanoTime() < giveUpAt) {
                Thread.sleep(50);   // a bounded poll for the background connect, not an assertion
                nats = natsCheck(http);
            }
            assertThat(nats.get("status").asText()).as("%s", nats).isEqualTo("healthy");
            assertThat(nats.at("/details/connectionStatus").asText()).isEqualTo("CONNECTED");
        }
    }

    @Test
    void refusesAMalformedNatsUrlWithoutRepeatingIt() {
        assertThatThrownBy(() -> DemoService.start(Map.of("PORT", "0", "NATS_URL", "nats://app:hunter2-secret@bad host:4222")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NATS_URL is not a NATS URL such as nats://host:4222")
                .hasNoCause();
    }

    private static void assertServesAtOnceWithNatsUnhealthy(String natsUrl) {
        assertTimeoutPreemptively(AT_ONCE.multipliedBy(10), () -> {
            long start = System.nanoTime();
            try (DemoService demo = DemoService.start(Map.of("PORT", "0", "NATS_URL", natsUrl))) {
                DemoClient http = new DemoClient(demo.port());
                assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
                Duration served = Duration.ofNanos(System.nanoTime() - start);

                JsonNode nats = natsCheck(http);
                assertThat(nats.get("status").asText()).isEqualTo("unhealthy");
                // Not yet checked while the check waits for the first connect within its start-up deadline,
                // then "not connected ... within N ms": never a false healthy, never a hang.
                assertThat(nats.get("message").asText()).matches(
                        "not yet checked|not connected to NATS at nats://\\*\\*\\*@127\\.0\\.0\\.1:\\d+ within \\d+ ms.*");
                assertThat(http.get("/health/detailed").body()).doesNotContain("hunter2");
                assertThat(served).as("from start() to the answer of /health/live").isLessThan(AT_ONCE);
            }
        });
    }

    private static JsonNode natsCheck(DemoClient http) throws Exception {
        return select(http.json("/health/detailed"), check -> check.get("name").asText().equals("nats")).get(0);
    }
}
