package io.healthmonitor.benchmarks.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients polling {@code /health/detailed} with the token, each on its own thread, every few
 * milliseconds. Every answer (or failure to answer) becomes a {@link Sample} in a queue the test
 * drains.
 */
final class Pollers {

    /** One request: when it started and ended ({@code System.nanoTime()}), and what came back. */
    record Sample(long startNanos, long endNanos, int code, String overall, Map<String, String> checks, String failure) {
        long latencyNanos() {
            return endNanos - startNanos;
        }

        String status(String check) {
            return checks.getOrDefault(check, "missing");
        }

        @Override
        public String toString() {
            return failure != null ? "failure " + failure
                    : code + " " + overall + " " + checks + " in " + TimeUnit.NANOSECONDS.toMillis(latencyNanos()) + " ms";
        }
    }

    private static final Pattern OVERALL = Pattern.compile("\"overallStatus\"\\s*:\\s*\"([a-z]+)\"");
    private static final Pattern CHECK = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\",\\s*\"status\"\\s*:\\s*\"([a-z]+)\"");
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final URI uri;
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    Pollers(int port, int clients, long pauseMillis) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/health/detailed");
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> poll(pauseMillis), "fault-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Takes every sample collected since the last call. */
    List<Sample> drain() {
        List<Sample> out = new ArrayList<>();
        for (Sample s = samples.poll(); s != null; s = samples.poll()) {
            out.add(s);
        }
        return out;
    }

    private void poll(long pauseMillis) {
        while (running) {
            samples.add(request());
            try {
                TimeUnit.MILLISECONDS.sleep(pauseMillis); // pacing, so 16 clients leave the 2 cores some room
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Sample request() {
        long start = System.nanoTime();
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            connection.setRequestProperty("Authorization", "Bearer " + FaultService.TOKEN);
            int code = connection.getResponseCode();
            String body;
            try (InputStream in = code >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            long end = System.nanoTime();
            Matcher overall = OVERALL.matcher(body);
            if (!overall.find()) {
                return new Sample(start, end, code, "none", Map.of(), "HTTP " + code + " without a report: " + body);
            }
            Map<String, String> checks = new LinkedHashMap<>();
            Matcher check = CHECK.matcher(body);
            while (check.find()) {
                checks.put(check.group(1), check.group(2));
            }
            return new Sample(start, end, code, overall.group(1), checks, null);
        } catch (IOException | RuntimeException e) {
            return new Sample(start, System.nanoTime(), -1, "none", Map.of(), e.toString());
        }
    }

    /** Stops the clients and waits for their last requests. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(READ_TIMEOUT_MILLIS + 2_000L);
        }
    }
}
