package io.healthmonitor.benchmarks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.benchmarks.faults.Pollers.Sample;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite: one service with the real checks (see {@link FaultService}), 16 clients
 * polling {@code /health/detailed}, and one fault at a time, injected, held and removed without
 * restarting the service. Every scenario asserts that every request was answered within the
 * deadline (plus {@link #MARGIN}), that the status went to what the scenario specifies and back
 * to healthy, and that the thread count stayed within the bound; the CoRIM scenario also checks
 * that every profile in Redis is whole. Results go to {@code target/fault-suite.md}.
 *
 * <p>Short form by default (each fault held {@link #HOLD} once); {@code -Dhealthmonitor.faults.long=true}
 * holds each fault 20 s, three times. Run alone:
 * {@code ./mvnw -B -pl benchmarks -am verify -Dtest=FaultSuiteTest -Dsurefire.failIfNoSpecifiedTests=false -Dhealthmonitor.it.required=true}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteTest {

    static final boolean LONG = Boolean.getBoolean("healthmonitor.faults.long");
    static final Duration HOLD = LONG ? Duration.ofSeconds(20) : Duration.ofSeconds(2);
    static final int CYCLES = LONG ? 3 : 1;
    /** Added to the deadline for HTTP, JSON and scheduling on 2 shared cores. */
    static final Duration MARGIN = Duration.ofMillis(500);
    /**
     * Threads beyond the baseline that a fault may add: the monitor's {@link FaultService#MAX_CONCURRENCY}
     * check threads, plus the client libraries' own (PostgreSQL's login-timeout thread per
     * in-flight connect, Lettuce and jnats reconnect tasks).
     */
    static final int THREAD_ALLOWANCE = FaultService.MAX_CONCURRENCY + 8;
    static final Duration DETECT_BOUND = Duration.ofSeconds(15);
    static final Duration SETTLE = Duration.ofMillis(1500);
    static final Duration RECOVER_BOUND = Duration.ofSeconds(20);
    static final int CLIENTS = 16;
    static final Set<String> CHECKS = Set.of("database", "redis", "nats", "corim-profiles", "hang");

    private static FaultService service;
    private static Pollers pollers;
    private static final List<String> RESULTS = new ArrayList<>();

    @BeforeAll
    static void startService() throws Exception {
        service = FaultService.start();
        pollers = new Pollers(service.port(), CLIENTS, 5);
    }

    @AfterAll
    static void stopService() throws Exception {
        try {
            if (pollers != null) {
                pollers.stop();
            }
        } finally {
            if (service != null) {
                service.close();
            }
            writeResults();
        }
    }

    @Test
    @Order(1)
    void reportsUnhealthyWhileRedisIsKilledAndRecoversWhenItRestarts() {
        run("Redis killed (SIGKILL), restarted", "unhealthy", s -> isNot(s, "redis") && isNot(s, "corim-profiles"),
                service.redis::kill, service.redis::restart);
    }

    @Test
    @Order(2)
    void reportsDegradedWhileNatsIsKilledAndRecoversWhenItRestarts() {
        run("NATS killed (SIGKILL), restarted", "degraded", s -> isNot(s, "nats"),
                service.nats::kill, service.nats::restart);
    }

    @Test
    @Order(3)
    void reportsUnhealthyWhileDatabaseConnectionsAreResetAndRecoversWhenHealed() {
        run("PostgreSQL connections reset (proxy)", "unhealthy", s -> isNot(s, "database"),
                service.database::reset, service.database::heal);
    }

    @Test
    @Order(4)
    void reportsUnhealthyWhileDatabaseIsBlackholedAndRecoversWhenHealed() {
        run("PostgreSQL blackholed (proxy)", "unhealthy", s -> isNot(s, "database"),
                service.database::blackhole, service.database::heal);
    }

    @Test
    @Order(5)
    void answersAtTheDeadlineWhileOneCheckHangsForeverAndNeverPilesUp() {
        run("one check hangs (ignores interrupts)", "degraded", s -> isNot(s, "hang"),
                service.hang::hang, service.hang::release);
        assertThat(service.hang.maxThreadsInside()).as("threads ever inside the hung check at once").isEqualTo(1);
    }

    @Test
    @Order(6)
    void keepsEveryCorimProfileWholeWhenRedisIsKilledDuringUploads() throws Exception {
        byte[] sample = sampleCorim();
        Uploads uploads = new Uploads(service.port(), sample, 2);
        try {
            run("Redis killed during CoRIM uploads", "unhealthy", s -> isNot(s, "redis"),
                    service.redis::kill, service.redis::restart);
            uploads.awaitAcknowledgedAfter(System.nanoTime(), Duration.ofSeconds(10));
        } finally {
            uploads.stop();
        }
        assertThat(uploads.unexpected).as("upload answers other than 201 and 503").isEmpty();
        assertThat(uploads.codes(503)).as("uploads refused while Redis was down").isPositive();
        assertThat(uploads.codes(201)).as("uploads stored").isPositive();

        RedisClient client = RedisClient.create();
        try (StatefulRedisConnection<String, String> connection = client.connect(service.redisUri())) {
            RedisCommands<String, String> redis = connection.sync();
            Set<String> index = redis.smembers("corim:profiles");
            List<String> keys = redis.keys("corim:profile:*");
            Set<String> stored = keys.stream().map(k -> k.substring("corim:profile:".length())).collect(Collectors.toSet());
            List<String> broken = new ArrayList<>();
            for (String id : stored) {
                Map<String, String> hash = redis.hgetall("corim:profile:" + id);
                String problem = wholeProfileProblem(id, hash, sample, redis.pttl("corim:profile:" + id));
                if (problem != null) {
                    broken.add(id + ": " + problem);
                }
            }
            assertThat(broken).as("half-written profiles").isEmpty();
            assertThat(index).as("index entries without their profile").isSubsetOf(stored);
            assertThat(stored).as("profiles missing from the index").isSubsetOf(index);
            assertThat(stored).as("acknowledged (201) uploads lost").containsAll(uploads.acknowledged);
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    private static boolean isNot(Sample sample, String check) {
        return !"healthy".equals(sample.status(check));
    }

    /**
     * Waits for healthy, injects the fault, waits for the expected status, holds it, removes the
     * fault, waits for healthy; {@link #CYCLES} times. Then asserts what every sample showed.
     */
    private static void run(String scenario, String expected, Predicate<Sample> checkDown, Runnable inject, Runnable remove) {
        Observation observation = new Observation();
        observation.await(FaultSuiteTest::allHealthy, System.nanoTime(), RECOVER_BOUND, "healthy before the fault");
        int baseline = liveThreads();
        observation.peakThreads = baseline;
        observation.maxLatencyNanos = 0;
        List<Long> detect = new ArrayList<>();
        List<Long> recover = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            long injectedAt = System.nanoTime();
            Sample detected;
            try {
                inject.run();
                Predicate<Sample> down = s -> expected.equals(s.overall()) && checkDown.test(s);
                detected = observation.await(down, injectedAt, DETECT_BOUND, scenario + ": " + expected);
                detect.add(detected.endNanos() - injectedAt);
                // Held: every request that starts after the detection must still show the fault.
                observation.hold(s -> expected.equals(s.overall()), detected.endNanos(), HOLD, scenario + ": while the fault held");
            } finally {
                remove.run();
            }
            long removedAt = System.nanoTime();
            Sample healthy = observation.await(FaultSuiteTest::allHealthy, removedAt, RECOVER_BOUND, scenario + ": recovery");
            recover.add(healthy.endNanos() - removedAt);
            // Recovered means it stays so: every request started after the first healthy answer
            // must be healthy, for one cache window and a half.
            observation.hold(FaultSuiteTest::allHealthy, healthy.endNanos(), SETTLE, scenario + ": after recovery");
        }
        int after = liveThreads();
        String row = String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %d | %d / %d |", scenario, expected,
                millis(detect), millis(recover), TimeUnit.NANOSECONDS.toMillis(observation.maxLatencyNanos),
                observation.count, observation.peakThreads - baseline, after - baseline);
        RESULTS.add(row);
        System.out.println("fault suite: " + row);

        assertThat(observation.violations).as(scenario + ": answers that broke the contract").isEmpty();
        assertThat(Duration.ofNanos(observation.maxLatencyNanos)).as(scenario + ": slowest answer")
                .isLessThanOrEqualTo(FaultService.DEADLINE.plus(MARGIN));
        assertThat(observation.peakThreads - baseline).as(scenario + ": thread growth during the fault")
                .isLessThanOrEqualTo(THREAD_ALLOWANCE);
        assertThat(after - baseline).as(scenario + ": thread growth after recovery").isLessThanOrEqualTo(THREAD_ALLOWANCE);
    }

    private static boolean allHealthy(Sample sample) {
        return "healthy".equals(sample.overall()) && sample.checks().keySet().equals(CHECKS)
                && sample.checks().values().stream().allMatch("healthy"::equals);
    }

    private static String millis(List<Long> nanos) {
        return nanos.stream().map(n -> String.format(Locale.ROOT, "%.0f", n / 1e6)).collect(Collectors.joining(", ")) + " ms";
    }

    /** Live threads, without the fault proxy's own (the test's network, not the service). */
    static int liveThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith("fault-proxy-")).count();
    }

    /** What the clients saw during one scenario. Used by the test thread only. */
    private static final class Observation {
        final List<String> violations = new ArrayList<>();
        long maxLatencyNanos;
        int peakThreads;
        int count;
        private final List<Sample> pending = new ArrayList<>();

        /**
         * Returns the first sample that started after {@code since} and matches, polling until
         * {@code bound}. Started, not ended: a request in flight when the fault changed shows the
         * state before it.
         */
        Sample await(Predicate<Sample> wanted, long since, Duration bound, String what) {
            long giveUpAt = System.nanoTime() + bound.toNanos();
            while (true) {
                for (Sample s : take()) {
                    if (s.startNanos() >= since && wanted.test(s)) {
                        return s;
                    }
                }
                if (System.nanoTime() > giveUpAt) {
                    throw new AssertionError("not seen within " + bound + ": " + what + "; last answers: " + lastSeen());
                }
                pause();
            }
        }

        /** For {@code duration}, checks that every sample started after {@code since} matches. */
        void hold(Predicate<Sample> wanted, long since, Duration duration, String what) {
            long until = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < until) {
                for (Sample s : take()) {
                    if (s.startNanos() > since && !wanted.test(s) && violations.size() < 10) {
                        violations.add(what + ": " + s);
                    }
                }
                pause();
            }
        }

        private List<Sample> take() {
            List<Sample> samples = pollers.drain();
            peakThreads = Math.max(peakThreads, liveThreads());
            for (Sample s : samples) {
                count++;
                maxLatencyNanos = Math.max(maxLatencyNanos, s.latencyNanos());
                boolean consistent = s.failure() == null
                        && s.code() == ("unhealthy".equals(s.overall()) ? 503 : 200);
                if (!consistent && violations.size() < 10) {
                    violations.add(s.toString());
                }
            }
            pending.clear();
            pending.addAll(samples);
            return samples;
        }

        private String lastSeen() {
            return pending.subList(Math.max(0, pending.size() - 3), pending.size()).toString();
        }

        private static void pause() {
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** The committed sample CoRIM ({@code examples/sample_corim_profile.cbor}), whose id is 20 characters. */
    static byte[] sampleCorim() throws IOException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("examples/sample_corim_profile.cbor");
            if (Files.isRegularFile(candidate)) {
                return Files.readAllBytes(candidate);
            }
        }
        throw new IOException("examples/sample_corim_profile.cbor not found above " + Path.of("").toAbsolutePath());
    }

    /** The sample with its corim-id (the first occurrence of the id) replaced by another of the same length. */
    static byte[] withId(byte[] sample, String id) {
        byte[] original = "sample-corim-profile".getBytes(StandardCharsets.US_ASCII);
        byte[] replacement = id.getBytes(StandardCharsets.US_ASCII);
        if (replacement.length != original.length) {
            throw new IllegalArgumentException("id must be " + original.length + " characters: " + id);
        }
        for (int i = 0; i + original.length <= sample.length; i++) {
            if (Arrays.equals(sample, i, i + original.length, original, 0, original.length)) {
                byte[] copy = sample.clone();
                System.arraycopy(replacement, 0, copy, i, replacement.length);
                return copy;
            }
        }
        throw new IllegalArgumentException("the sample does not carry its id");
    }

    static String uploadId(int n) {
        return String.format(Locale.ROOT, "fault-%014d", n);
    }

    /** Returns why the stored hash is not the whole profile that was uploaded, or null when it is. */
    private static String wholeProfileProblem(String id, Map<String, String> hash, byte[] sample, long pttl) {
        Set<String> fields = Set.of("corim", "profile", "kind", "sizeBytes", "sha256", "storedAt", "expiresAt");
        if (!hash.keySet().equals(fields)) {
            return "fields " + hash.keySet();
        }
        byte[] content = Base64.getDecoder().decode(hash.get("corim"));
        if (!Arrays.equals(content, withId(sample, id))) {
            return "content differs from the upload";
        }
        if (!hash.get("sizeBytes").equals(String.valueOf(content.length))) {
            return "sizeBytes " + hash.get("sizeBytes");
        }
        try {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            if (!sha256.equals(hash.get("sha256"))) {
                return "sha256 " + hash.get("sha256");
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (hash.get("expiresAt").isEmpty() || pttl <= 0) {
            return "no expiry (expiresAt '" + hash.get("expiresAt") + "', pttl " + pttl + ")";
        }
        return null;
    }

    /** Threads uploading distinct CoRIMs to {@code POST /api/v1/corim/profiles} until closed. */
    private static final class Uploads {
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Map<Integer, AtomicInteger> codes = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();
        private final URI uri;
        private final byte[] sample;
        private volatile long lastAcknowledgedNanos;
        private volatile boolean running = true;

        Uploads(int port, byte[] sample, int threadCount) {
            this.uri = URI.create("http://127.0.0.1:" + port + "/api/v1/corim/profiles");
            this.sample = sample;
            for (int i = 0; i < threadCount; i++) {
                Thread thread = new Thread(this::upload, "fault-upload-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        int codes(int code) {
            AtomicInteger n = codes.get(code);
            return n == null ? 0 : n.get();
        }

        /** Waits (bounded) until some upload that started after {@code since} was stored. */
        void awaitAcknowledgedAfter(long since, Duration bound) throws InterruptedException {
            long giveUpAt = System.nanoTime() + bound.toNanos();
            while (lastAcknowledgedNanos < since && System.nanoTime() < giveUpAt) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(lastAcknowledgedNanos).as("an upload stored after Redis came back").isGreaterThanOrEqualTo(since);
        }

        private void upload() {
            while (running) {
                String id = uploadId(next.incrementAndGet());
                long start = System.nanoTime();
                try {
                    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
                    c.setConnectTimeout(2_000);
                    c.setReadTimeout(10_000);
                    c.setDoOutput(true);
                    c.setRequestMethod("POST");
                    c.setRequestProperty("Content-Type", "application/rim+cbor");
                    c.setRequestProperty("Authorization", "Bearer " + FaultService.TOKEN);
                    try (OutputStream out = c.getOutputStream()) {
                        out.write(withId(sample, id));
                    }
                    int code = c.getResponseCode();
                    try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
                        if (in != null) {
                            in.readAllBytes();
                        }
                    }
                    codes.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
                    if (code == 201) {
                        acknowledged.add(id);
                        lastAcknowledgedNanos = start;
                    } else if (code != 503) {
                        unexpected.add(id + ": HTTP " + code);
                    }
                } catch (IOException e) {
                    unexpected.add(id + ": " + e);
                } catch (UncheckedIOException e) {
                    unexpected.add(id + ": " + e.getCause());
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                thread.join(12_000);
            }
        }
    }

    private static void writeResults() throws IOException {
        if (RESULTS.isEmpty()) {
            return;
        }
        StringBuilder table = new StringBuilder()
                .append("Fault suite, ").append(LONG ? "long" : "short").append(" form: each fault held ")
                .append(HOLD.toSeconds()).append(" s, ").append(CYCLES).append(" cycle(s); ").append(CLIENTS)
                .append(" clients; deadline ").append(FaultService.DEADLINE.toMillis()).append(" ms\n\n")
                .append("| scenario | status during the fault | time to detect | time to recover | max response (ms) | requests | thread growth peak / after |\n")
                .append("|---|---|---|---|---|---|---|\n");
        RESULTS.forEach(r -> table.append(r).append('\n'));
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve(LONG ? "fault-suite-long.md" : "fault-suite.md"), table.toString());
    }
}
