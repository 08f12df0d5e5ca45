package io.healthmonitor.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** HTTP to a running demo, and the runbooks' jq filters in Jackson. */
final class DemoClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    DemoClient(int port) {
        this.port = port;
    }

    /**
     * Starts the demo and waits for every check's first result: the demo serves at once, answering
     * "not ready" until then, and the tests that expect results want them.
     */
    static DemoService startReady(java.util.Map<String, String> environment) throws IOException, InterruptedException {
        DemoService demo = DemoService.start(environment);
        if (!demo.awaitReady(Duration.ofSeconds(30))) {
            demo.close();
            throw new AssertionError("the demo's checks had no first result within 30 s");
        }
        return demo;
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The {@code /metrics} scrape once it shows {@code series}: the engine's meters appear when the
     * listeners hear of the first results, on their own thread and so after {@code awaitReady}.
     * Waits at most 10 s, then returns the last scrape for the caller's assertion to judge.
     */
    String metricsShowing(String series) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String body = get("/metrics").body();
        while (!body.contains(series) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            body = get("/metrics").body();
        }
        return body;
    }

    JsonNode json(String path, String... headers) throws IOException, InterruptedException {
        return MAPPER.readTree(get(path, headers).body());
    }

    /** {@code jq '.checks[] | select(...)'}: the checks the filter selects. */
    static List<JsonNode> select(JsonNode report, Predicate<JsonNode> filter) {
        List<JsonNode> selected = new ArrayList<>();
        report.get("checks").forEach(check -> {
            if (filter.test(check)) {
                selected.add(check);
            }
        });
        return selected;
    }
}
