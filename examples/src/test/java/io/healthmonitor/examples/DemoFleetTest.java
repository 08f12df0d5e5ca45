package io.healthmonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthmonitor.testsupport.RequiredServices;
import io.healthmonitor.testsupport.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three demo instances with {@code NATS_URL} on a private nats-server: {@code /health/fleet} on any
 * of them lists all three, and one that stops leaves every view. Loopback callers see details.
 */
@Timeout(120)
class DemoFleetTest {

    @Test
    void threeDemoInstancesEachListTheWholeFleet() throws Exception {
        Path binary = RequiredServices.assumeCommand("nats-server");
        Path store = Files.createTempDirectory("healthmonitor-demo-fleet-");
        List<DemoService> demos = new ArrayList<>();
        try (ServerProcess nats = ServerProcess.start("nats-server", port -> List.of(binary.toString(), "-a", "127.0.0.1",
                "-p", String.valueOf(port), "-js", "-sd", store.toString()))) {
            for (String id : List.of("demo-a", "demo-b", "demo-c")) {
                demos.add(DemoService.start(Map.of("PORT", "0", "NATS_URL", "nats://127.0.0.1:" + nats.port(),
                        "INSTANCE_ID", id)));
            }
            for (DemoService demo : demos) {
                awaitInstances(demo, List.of("demo-a", "demo-b", "demo-c"));
            }
            JsonNode fleet = new DemoClient(demos.get(0).port()).json("/health/fleet");
            assertThat(fleet.at("/services/0/name").asText()).isEqualTo("demo");
            assertThat(fleet.at("/services/0/instances/0/checks").has("database")).as("%s", fleet).isTrue();

            demos.remove(2).close();   // a graceful stop deletes its entry: gone at once, not after the max age

            for (DemoService demo : demos) {
                awaitInstances(demo, List.of("demo-a", "demo-b"));
            }
        } finally {
            demos.forEach(DemoService::close);
            try (var paths = Files.walk(store)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void refusesAnInstanceIdTheBucketCannotHold() {
        assertThatThrownBy(() -> DemoService.start(Map.of("PORT", "0", "NATS_URL", "nats://127.0.0.1:1",
                "INSTANCE_ID", "two words")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instance id");
    }

    private static void awaitInstances(DemoService demo, List<String> expected) throws InterruptedException {
        DemoClient http = new DemoClient(demo.port());
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = "";
        while (System.nanoTime() < giveUpAt) {
            try {
                HttpResponse<String> response = http.get("/health/fleet");
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && ids(http.json("/health/fleet")).equals(new TreeSet<>(expected))) {
                    return;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TimeUnit.MILLISECONDS.sleep(50);   // a bounded poll of the real endpoint, not an assertion
        }
        throw new AssertionError("/health/fleet on port " + demo.port() + " did not list " + expected + " within 20 s: " + last);
    }

    private static TreeSet<String> ids(JsonNode fleet) {
        TreeSet<String> ids = new TreeSet<>();
        for (JsonNode service : fleet.path("services")) {
            for (JsonNode instance : service.path("instances")) {
                ids.add(instance.path("id").asText());
            }
        }
        return ids;
    }
}
