package io.healthmonitor.corim.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.corim.CorimLimits;
import io.healthmonitor.corim.CorimValidator;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.Endpoints;
import io.healthmonitor.http.JdkHttpHandler;
import io.healthmonitor.micrometer.HealthMetrics;
import io.healthmonitor.testsupport.ServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every status code of the CoRIM endpoints, over real HTTP on 127.0.0.1. */
class CorimEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 64 * 1024;
    private static final Instant NOW = Instant.parse("2025-05-01T00:00:00Z");

    private final CorimValidator validator = CorimValidator.builder().clock(InstantSource.fixed(NOW)).build();
    private final CorimProfileStore store = CorimProfileStore.inMemory(InstantSource.fixed(NOW));
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private ExecutorService executor;
    private HttpServer server;

    /** A raw HTTP/1.1 answer. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    @BeforeEach
    void start() throws IOException {
        executor = Executors.newFixedThreadPool(4);
        server = serve(CorimEndpoints.builder(validator, store).maxBodyBytes(LIMIT).metrics(HealthMetrics.of(registry, "credlink")).build());
    }

    private HttpServer serve(CorimEndpoints endpoints) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setExecutor(executor);
        JdkHttpHandler.of(Endpoints.of(endpoints)).mount(s);
        s.start();
        return s;
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    static Answer request(HttpServer to, String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), to.getAddress().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    static Answer read(InputStream in) throws IOException {
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            headers.put(h.substring(0, h.indexOf(':')).toLowerCase(Locale.ROOT), h.substring(h.indexOf(':') + 1).trim());
        }
        byte[] body = headers.containsKey("content-length")
                ? in.readNBytes(Integer.parseInt(headers.get("content-length"))) : new byte[0];
        return new Answer(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-line: " + b);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private Answer post(String path, String type, byte[] body) throws IOException {
        return request(server, "POST", path, type == null ? Map.of() : Map.of("Content-Type", type), body);
    }

    private Answer get(String path) throws IOException {
        return request(server, "GET", path, Map.of(), null);
    }

    private static long failureLines() throws IOException {
        Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/corim-test.log"));
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("validation failed")).count();
        }
    }

    private long lastFailureLineCount;

    private void assertLoggedFailureWith(String code) throws IOException {
        Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/corim-test.log"));
        try (var lines = Files.lines(log)) {
            assertThat(lines.filter(l -> l.contains("validation failed")).reduce((a, b) -> b)).hasValueSatisfying(
                    l -> assertThat(l).contains(code));
        }
    }

    @Test
    void validatesWithoutStoring() throws IOException {
        Answer a = post("/api/v1/corim/validate", "application/corim+cbor", ServiceCorims.corim("v-1", NOW, Duration.ofDays(3)));

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.headers()).containsEntry("cache-control", "no-store").containsEntry("content-type", "application/json");
        JsonNode json = a.json();
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("id").asText()).isEqualTo("v-1");
        assertThat(json.get("kind").asText()).isEqualTo("unsigned_corim");
        assertThat(json.get("problems")).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void acceptsEveryRegisteredMediaType() throws IOException {
        byte[] corim = ServiceCorims.corim("m", NOW, Duration.ofDays(3));
        for (String type : CorimEndpoints.MEDIA_TYPES) {
            assertThat(post("/api/v1/corim/validate", type.toUpperCase(Locale.ROOT) + "; charset=binary", corim).status())
                    .as(type).isEqualTo(200);
        }
    }

    @Test
    void answers422WithTheProblemsAndStoresNothing() throws IOException {
        long before = failureLines();
        Answer a = post("/api/v1/corim/profiles", "application/rim+cbor", ServiceCorims.invalidCorim("bad"));

        assertThat(a.status()).isEqualTo(422);
        JsonNode json = a.json();
        assertThat(json.get("error").asText()).isEqualTo("validation failed");
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("problems").get(0).get("code").asText()).isEqualTo("digest.length-mismatch");
        assertThat(json.get("problems").get(0).get("path").asText()).contains("/digests/0");
        assertThat(store.list()).isEmpty();
        assertThat(failureLines()).isEqualTo(before + 1);
        assertLoggedFailureWith("digest.length-mismatch");
        assertThat(registry.scrape()).contains("credlink_corim_validation_failures_total{reason=\"invalid\"} 1.0");
    }

    @Test
    void answers422WithTheWholeResultWhenAValidCorimsIdCannotBeAStoreId() throws IOException {
        long before = failureLines();
        Answer a = post("/api/v1/corim/profiles", "application/rim+cbor", ServiceCorims.corim("bad\r\nid", NOW, Duration.ofDays(3)));

        assertThat(a.status()).isEqualTo(422);
        JsonNode json = a.json();
        assertThat(json.get("error").asText()).isEqualTo("validation failed");
        assertThat(json.get("valid")).isEqualTo(BooleanNode.FALSE);
        assertThat(json.get("problems")).hasSize(1);
        assertThat(json.get("problems").get(0).get("code").asText()).isEqualTo("store.id-unusable");
        assertThat(json.get("problems").get(0).get("path").asText()).isEqualTo("/id");
        // The whole result, as every other 422 carries it.
        assertThat(json.get("kind")).as(json::toString).isNotNull();
        assertThat(json.get("kind").asText()).isEqualTo("unsigned_corim");
        assertThat(json.get("id").asText()).isEqualTo("bad\r\nid");
        assertThat(json.get("expiresAt").asText()).isEqualTo(NOW.plus(Duration.ofDays(3)).toString());
        assertThat(json.get("tags")).hasSize(1);
        assertThat(json.has("entities")).isTrue();
        assertThat(json.has("tripleCounts")).isTrue();
        assertThat(store.list()).isEmpty();
        assertThat(failureLines()).isEqualTo(before + 1);
        assertLoggedFailureWith("store.id-unusable");
        assertThat(registry.scrape()).contains("credlink_corim_validation_failures_total{reason=\"invalid\"} 1.0");
    }

    @Test
    void answers400ForUnreadableCbor() throws IOException {
        long before = failureLines();
        Answer a = post("/api/v1/corim/validate", "application/rim+cbor", new byte[] {(byte) 0xd9, 0x01, (byte) 0xf5, (byte) 0xa1});

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("problems").get(0).get("code").asText()).isEqualTo("cbor.malformed");
        assertThat(failureLines()).isEqualTo(before + 1);
        assertLoggedFailureWith("cbor.malformed");
        assertThat(registry.scrape()).contains("credlink_corim_validation_failures_total{reason=\"unreadable\"} 1.0");
    }

    @Test
    void answers400AtOnceToATagChainAsLargeAsTheDefaultLimit() throws IOException {
        // Issue 18: b'\xc6' * n + b'\x00' kept a CPU busy for minutes; every such body is now refused from its heads.
        HttpServer defaults = serve(CorimEndpoints.builder(validator, store).build());
        try {
            byte[] body = new byte[CorimLimits.defaults().maxInputBytes()];
            java.util.Arrays.fill(body, 0, body.length - 1, (byte) 0xc6);
            Answer a = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> request(defaults, "POST", "/api/v1/corim/validate",
                    Map.of("Content-Type", "application/rim+cbor"), body));
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().get("problems").get(0).get("code").asText()).isEqualTo("limit.depth");
            assertLoggedFailureWith("limit.depth");
        } finally {
            defaults.stop(0);
        }
    }

    @Test
    void answers415ForOtherMediaTypes() throws IOException {
        long before = failureLines();
        byte[] corim = ServiceCorims.corim("t", NOW, Duration.ofDays(3));
        assertThat(post("/api/v1/corim/validate", "application/json", corim).status()).isEqualTo(415);
        assertThat(post("/api/v1/corim/profiles", null, corim).status()).isEqualTo(415);
        assertThat(failureLines()).isEqualTo(before + 2);
        assertLoggedFailureWith("media-type.unsupported");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void answers413FromContentLengthBeforeReadingTheBody() throws IOException {
        Answer a = post("/api/v1/corim/profiles", "application/rim+cbor", new byte[LIMIT + 1]);
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.json().get("problems").get(0).get("code").asText()).isEqualTo("limit.size");
        assertLoggedFailureWith("limit.size");
        assertThat(registry.scrape()).contains("credlink_corim_validation_failures_total{reason=\"too_large\"} 1.0");
    }

    @Test
    void answers413ToASlowOversizedBodyBeforeItIsSent() throws IOException {
        long declared = 100L * LIMIT;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/corim/validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/rim+cbor\r\n"
                    + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[1024]); // the first trickle; the rest is never sent
            out.flush();
            Answer a = read(socket.getInputStream());
            assertThat(a.status()).isEqualTo(413);
        }
    }

    @Test
    void answers413WhenAChunkedBodyPassesTheLimit() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/corim/profiles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/rim+cbor\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[8192];
            for (int sent = 0; sent <= LIMIT; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush(); // no last chunk: the body never ends
            Answer a = read(socket.getInputStream());
            assertThat(a.status()).isEqualTo(413);
        }
        assertThat(store.list()).isEmpty();
    }

    @Test
    void answers400LikeEveryOtherFailureWhenTheBodyCannotBeRead() throws IOException {
        long before = failureLines();
        String head = "POST /api/v1/corim/validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/rim+cbor\r\n";
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("10 of 100 declared bytes, then EOF", head + "Content-Length: 100\r\n\r\n0123456789");
        requests.put("a malformed chunk size", head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n0123\r\n");
        requests.put("a chunked body without its last chunk", head + "Transfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n");

        for (Map.Entry<String, String> r : requests.entrySet()) {
            Answer a = sendAndHalfClose(r.getValue());
            assertThat(a.status()).as(r.getKey()).isEqualTo(400);
            JsonNode json = a.json();
            assertThat(json.get("error").asText()).as(r.getKey()).isEqualTo("the request body could not be read");
            assertThat(json.get("valid")).as(r.getKey()).isEqualTo(BooleanNode.FALSE);
            assertThat(json.get("problems").get(0).get("code").asText()).as(r.getKey()).isEqualTo("http.body-unreadable");
        }
        assertThat(failureLines()).isEqualTo(before + requests.size());
        assertLoggedFailureWith("http.body-unreadable");
        assertThat(registry.scrape()).contains("credlink_corim_validation_failures_total{reason=\"unreadable\"} 3.0");
    }

    /**
     * A body that stops arriving: the server's request time (this module's tests run with
     * {@code sun.net.httpserver.maxReqTime=2}; {@link JdkHttpHandler#createServer} sets 10 s) closes
     * the connection, and the upload is counted and logged like every unreadable body, nothing stored.
     */
    @Test
    void dropsAnUploadWhoseBodyStopsArrivingAndCountsIt() throws IOException {
        long before = failureLines();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/corim/profiles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/rim+cbor\r\n"
                    + "Content-Length: 100\r\n\r\n0123456789").getBytes(StandardCharsets.ISO_8859_1));
            out.flush(); // 10 of 100 bytes, and the connection stays open
            assertThat(socket.getInputStream().readAllBytes()).as("no answer on a connection the server closed").isEmpty();
        }
        assertThat(ServiceCorims.eventually(Duration.ofSeconds(10), () -> {
            try {
                return failureLines() == before + 1;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        })).as("logged").isTrue();
        assertLoggedFailureWith("http.body-unreadable");
        assertThat(registry.scrape()).contains("credlink_corim_validation_failures_total{reason=\"unreadable\"} 1.0");
        assertThat(store.list()).isEmpty();
    }

    /** Sends the bytes of a request and closes the sending half of the connection: the server reads EOF. */
    private Answer sendAndHalfClose(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return read(socket.getInputStream());
        }
    }

    /** Opens an upload of {@code corim} and sends only its first half: the server reads the body until the rest comes. */
    private static Socket startSlowUpload(HttpServer to, byte[] corim) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), to.getAddress().getPort());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/corim/validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/rim+cbor\r\n"
                + "Content-Length: " + corim.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(corim, 0, corim.length / 2);
        out.flush();
        return socket;
    }

    private static Answer finishSlowUpload(Socket socket, byte[] corim) throws IOException {
        socket.getOutputStream().write(corim, corim.length / 2, corim.length - corim.length / 2);
        socket.getOutputStream().flush();
        return read(socket.getInputStream());
    }

    /**
     * Each upload holds its body and decoded items; the server's threads (256 on Java 17, unbounded
     * virtual threads, a servlet container's pool) are no bound on that memory. Two slow uploads
     * take the two permits; a third, itself slow, is answered 503 at once, without its body.
     */
    @Test
    void answers503WithRetryAfterToAnUploadBeyondTheConcurrencyLimitWithoutWaitingForItsBody() throws Exception {
        PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CountDownLatch bodiesBeingRead = new CountDownLatch(2);
        HttpServer bounded = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bounded.setExecutor(executor);
        HttpContext context = bounded.createContext("/", JdkHttpHandler.of(Endpoints.of(CorimEndpoints.builder(validator, store)
                .maxConcurrentUploads(2).metrics(HealthMetrics.of(own, "credlink")).build())));
        context.getFilters().add(new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                exchange.setStreams(new FilterInputStream(exchange.getRequestBody()) {
                    private boolean counted;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (!counted) {
                            counted = true;
                            bodiesBeingRead.countDown();
                        }
                        return super.read(b, off, len);
                    }
                }, null);
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return "counts the bodies the handler has started to read";
            }
        });
        bounded.start();
        byte[] corim = ServiceCorims.corim("busy", NOW, Duration.ofDays(3));
        long before = failureLines();
        try (Socket first = startSlowUpload(bounded, corim); Socket second = startSlowUpload(bounded, corim)) {
            assertThat(bodiesBeingRead.await(10, TimeUnit.SECONDS)).as("both uploads are being read").isTrue();

            try (Socket third = startSlowUpload(bounded, corim)) {
                Answer refused = read(third.getInputStream());
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.headers()).containsEntry("retry-after", "1");
                assertThat(refused.json().get("error").asText()).isEqualTo("too many uploads at once; try again");
                assertThat(refused.json().get("problems").get(0).get("code").asText()).isEqualTo("limit.concurrent-uploads");
            }

            assertThat(finishSlowUpload(first, corim).status()).isEqualTo(200);
            assertThat(finishSlowUpload(second, corim).status()).isEqualTo(200);
            assertThat(request(bounded, "POST", "/api/v1/corim/validate", Map.of("Content-Type", "application/rim+cbor"), corim)
                    .status()).as("the permits are back").isEqualTo(200);
        } finally {
            bounded.stop(0);
        }
        assertThat(failureLines()).isEqualTo(before + 1);
        assertLoggedFailureWith("limit.concurrent-uploads");
        assertThat(own.scrape()).contains("credlink_corim_validation_failures_total{reason=\"busy\"} 1.0");
    }

    @Test
    void storesListsReadsAndDeletesProfiles() throws IOException {
        byte[] corim = ServiceCorims.corim("stored id", NOW, Duration.ofDays(3));
        Answer created = post("/api/v1/corim/profiles", "application/rim+cbor", corim);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers()).containsEntry("location", "/api/v1/corim/profiles/stored%20id");
        assertThat(created.json().get("stored").get("sha256").asText()).isEqualTo(Stored.sha256(corim));

        Answer list = get("/api/v1/corim/profiles");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("count").asInt()).isEqualTo(1);
        assertThat(list.json().get("profiles").get(0).get("id").asText()).isEqualTo("stored id");

        Answer one = get("/api/v1/corim/profiles/stored%20id");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("expiresAt").asText()).isEqualTo(Instant.ofEpochSecond(NOW.plus(Duration.ofDays(3)).getEpochSecond()).toString());

        Answer raw = request(server, "GET", "/api/v1/corim/profiles/stored%20id", Map.of("Accept", "application/rim+cbor"), null);
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.headers()).containsEntry("content-type", "application/rim+cbor");
        assertThat(raw.body()).isEqualTo(corim);

        assertThat(request(server, "DELETE", "/api/v1/corim/profiles/stored%20id", Map.of(), null).status()).isEqualTo(204);
        assertThat(get("/api/v1/corim/profiles/stored%20id").status()).isEqualTo(404);
        assertThat(request(server, "DELETE", "/api/v1/corim/profiles/stored%20id", Map.of(), null).status()).isEqualTo(404);
        // A scrape reads the count the previous one started (ProfileCountTest): it shows up on a later scrape.
        assertThat(ServiceCorims.eventually(Duration.ofSeconds(10), () -> registry.scrape().contains("credlink_corim_profiles 0.0")))
                .as(registry::scrape).isTrue();
    }

    @Test
    void servesTheBytesOnlyToWhomAsksForThem() throws IOException {
        byte[] corim = ServiceCorims.corim("negotiated", NOW, Duration.ofDays(3));
        assertThat(post("/api/v1/corim/profiles", "application/rim+cbor", corim).status()).isEqualTo(201);
        String path = "/api/v1/corim/profiles/negotiated";
        Map<String, String> accepts = new LinkedHashMap<>();
        accepts.put("application/rim+cbor", "application/rim+cbor");
        accepts.put("application/json;q=0.5, application/rim+cbor", "application/rim+cbor");
        accepts.put("application/rim+cose", "application/rim+cbor");   // the stored kind decides the type
        accepts.put("application/rim+cbor;q=0, application/json", "application/json");   // was the bytes: a substring match
        accepts.put("application/json, application/rim+cbor;q=0.5", "application/json");
        accepts.put("*/*", "application/json");
        accepts.put("", "application/json");
        for (Map.Entry<String, String> accept : accepts.entrySet()) {
            Answer a = request(server, "GET", path, accept.getKey().isEmpty() ? Map.of() : Map.of("Accept", accept.getKey()), null);
            assertThat(a.status()).as(accept.getKey()).isEqualTo(200);
            assertThat(a.headers().get("content-type")).as(accept.getKey()).startsWith(accept.getValue());
        }
    }

    /** A store that does what another does; tests override what they change. */
    private static class ForwardingStore implements CorimProfileStore {
        private final CorimProfileStore inner;

        ForwardingStore(CorimProfileStore inner) {
            this.inner = inner;
        }

        @Override
        public StoredProfile put(byte[] corim, io.healthmonitor.corim.CorimValidationResult result) {
            return inner.put(corim, result);
        }

        @Override
        public java.util.Optional<StoredProfile> get(String id) {
            return inner.get(id);
        }

        @Override
        public java.util.Optional<byte[]> content(String id) {
            return inner.content(id);
        }

        @Override
        public java.util.List<StoredProfile> list() {
            return inner.list();
        }

        @Override
        public boolean delete(String id) {
            return inner.delete(id);
        }

        @Override
        public int count() {
            return inner.count();
        }
    }

    /** The store reads metadata and bytes apart: a replace between them must not pair one profile's type with another's bytes. */
    @Test
    void readsAProfileAgainWhenItWasReplacedBetweenItsMetadataAndItsBytes() throws IOException {
        byte[] before = ServiceCorims.corim("replaced", NOW, Duration.ofDays(3));
        byte[] after = ServiceCorims.corim("replaced", NOW, Duration.ofDays(9));
        CorimProfileStore inner = CorimProfileStore.inMemory(InstantSource.fixed(NOW));
        inner.put(before, validator.validate(before));
        java.util.concurrent.atomic.AtomicInteger contentReads = new java.util.concurrent.atomic.AtomicInteger();
        CorimProfileStore replacing = new ForwardingStore(inner) {
            @Override
            public java.util.Optional<byte[]> content(String id) {
                if (contentReads.getAndIncrement() == 0) {
                    inner.put(after, validator.validate(after));   // the replace lands between the two reads
                }
                return inner.content(id);
            }
        };
        HttpServer other = serve(CorimEndpoints.builder(validator, replacing).build());
        try {
            Answer a = request(other, "GET", "/api/v1/corim/profiles/replaced", Map.of("Accept", "application/rim+cbor"), null);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).isEqualTo(after);
            assertThat(contentReads).hasValue(2);
        } finally {
            other.stop(0);
        }
    }

    @Test
    void listsProfilesPageByPage() throws IOException {
        for (String id : new String[] {"p3", "p1", "p 2"}) {
            assertThat(post("/api/v1/corim/profiles", "application/rim+cbor", ServiceCorims.corim(id, NOW, Duration.ofDays(3)))
                    .status()).isEqualTo(201);
        }
        JsonNode first = get("/api/v1/corim/profiles?limit=2").json();
        assertThat(first.get("count").asInt()).isEqualTo(2);
        assertThat(first.get("profiles").findValuesAsText("id")).containsExactly("p 2", "p1");
        assertThat(first.get("next").asText()).isEqualTo("p1");
        JsonNode second = get("/api/v1/corim/profiles?after=p1&limit=2").json();
        assertThat(second.get("profiles").findValuesAsText("id")).containsExactly("p3");
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(get("/api/v1/corim/profiles?after=p%202").json().get("profiles").findValuesAsText("id"))
                .containsExactly("p1", "p3");
        assertThat(get("/api/v1/corim/profiles").json().get("count").asInt()).isEqualTo(3);
        assertThat(get("/api/v1/corim/profiles?limit=%31").json().get("count").asInt()).isEqualTo(1);
        for (String bad : new String[] {"limit=0", "limit=1001", "limit=x", "limit=", "after=..", "after=%zz",
                "limit=1&limit=2", "after=p1&after=p3"}) {
            assertThat(get("/api/v1/corim/profiles?" + bad).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void answers507WhenTheStoreIsFull() throws IOException {
        HttpServer small = serve(CorimEndpoints.builder(validator,
                MemoryCorimProfileStore.builder().clock(InstantSource.fixed(NOW)).maxProfiles(1).build()).build());
        try {
            Map<String, String> type = Map.of("Content-Type", "application/rim+cbor");
            assertThat(request(small, "POST", "/api/v1/corim/profiles", type, ServiceCorims.corim("one", NOW, Duration.ofDays(3)))
                    .status()).isEqualTo(201);
            Answer full = request(small, "POST", "/api/v1/corim/profiles", type, ServiceCorims.corim("two", NOW, Duration.ofDays(3)));
            assertThat(full.status()).isEqualTo(507);
            assertThat(full.json().get("error").asText()).isEqualTo("profile store full");
            assertThat(request(small, "POST", "/api/v1/corim/profiles", type, ServiceCorims.corim("one", NOW, Duration.ofDays(9)))
                    .status()).as("replacing a stored profile needs no room").isEqualTo(201);
        } finally {
            small.stop(0);
        }
    }

    @Test
    void refusesTraversalAndMalformedIds() throws IOException {
        assertThat(get("/api/v1/corim/profiles/..").status()).as("a dot segment: the router's 404").isEqualTo(404);
        assertThat(get("/api/v1/corim/profiles/%2e%2E").status()).isEqualTo(404);
        assertThat(get("/api/v1/corim/profiles/..%2F..%2Fetc%2Fpasswd").status()).isEqualTo(400);
        assertThat(get("/api/v1/corim/profiles/%00").status()).isEqualTo(400);
        assertThat(get("/api/v1/corim/profiles/%zz").status()).isEqualTo(400);
        assertThat(get("/api/v1/corim/profiles/a/../../b").status()).isEqualTo(404);
        assertThat(get("/api/v1/corim/other").status()).isEqualTo(404);
    }

    @Test
    void answers405WithAllow() throws IOException {
        Answer a = get("/api/v1/corim/validate");
        assertThat(a.status()).isEqualTo(405);
        assertThat(a.headers()).containsEntry("allow", "POST");
        assertThat(request(server, "PUT", "/api/v1/corim/profiles/x", Map.of(), new byte[0]).headers())
                .containsEntry("allow", "GET, HEAD, DELETE");
    }

    @Test
    void profileEndpointsAnswerOnlyAuthorizedCallers() throws IOException {
        HttpServer guarded = serve(CorimEndpoints.builder(validator, store)
                .authorizer(Authorizer.bearerToken("0123456789abcdef-token")).build());
        try {
            byte[] corim = ServiceCorims.corim("guarded", NOW, Duration.ofDays(3));
            Answer anonymous = request(guarded, "POST", "/api/v1/corim/profiles", Map.of("Content-Type", "application/rim+cbor"), corim);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.headers()).containsKey("www-authenticate");
            assertThat(request(guarded, "GET", "/api/v1/corim/profiles", Map.of("Authorization", "Bearer wrong-token-0000000"), null)
                    .status()).isEqualTo(403);
            assertThat(store.list()).isEmpty();
            assertThat(request(guarded, "POST", "/api/v1/corim/profiles", Map.of("Content-Type", "application/rim+cbor",
                    "Authorization", "Bearer 0123456789abcdef-token"), corim).status()).isEqualTo(201);
            assertThat(request(guarded, "POST", "/api/v1/corim/validate", Map.of("Content-Type", "application/rim+cbor"), corim)
                    .status()).as("validation is open").isEqualTo(200);
        } finally {
            guarded.stop(0);
        }
    }

    @Test
    void answers503WhenTheStoreIsUnreachable() throws IOException {
        RedisClient client = RedisClient.create();
        try (ServerProcess redis = ServiceCorims.redis();
                StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create("redis://127.0.0.1:" + redis.port()))) {
            RedisCorimProfileStore redisStore = RedisCorimProfileStore.builder(connection).commandTimeout(Duration.ofMillis(300)).build();
            HttpServer backed = serve(CorimEndpoints.builder(validator, redisStore).build());
            try {
                redis.kill();
                Answer a = request(backed, "POST", "/api/v1/corim/profiles", Map.of("Content-Type", "application/rim+cbor"),
                        ServiceCorims.corim("later", NOW, Duration.ofDays(3)));
                assertThat(a.status()).isEqualTo(503);
                assertThat(a.json().get("error").asText()).isEqualTo("profile store unavailable");
            } finally {
                backed.stop(0);
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void publishesPrefixedMeters() throws IOException {
        post("/api/v1/corim/profiles", "application/rim+cbor", ServiceCorims.corim("counted", NOW, Duration.ofDays(3)));
        String scrape = registry.scrape();
        assertThat(scrape).contains("credlink_corim_validation_duration_seconds_count 1");
        // Micrometer's name is corim.profiles.total; Prometheus client 1.x drops _total from gauges. A
        // scrape reads the count the previous one started (ProfileCountTest): it shows up on a later scrape.
        assertThat(ServiceCorims.eventually(Duration.ofSeconds(10), () -> registry.scrape().contains("credlink_corim_profiles 1.0")))
                .as(registry::scrape).isTrue();
        assertThat(registry.find("credlink.corim.profiles.total").gauge()).isNotNull();
        // Every reason's counter exists from the start, at zero, so rate() works before the first failure.
        assertThat(registry.find("credlink.corim.validation.failures").counters())
                .hasSize(CorimMeters.REASONS.size())
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }
}
