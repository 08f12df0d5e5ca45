package io.healthmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed and hostile requests against {@link HealthEndpoints} on the JDK's server, over raw
 * sockets so that nothing between the test and the server tidies them up: each gets a 4xx (from
 * the handler or the JDK server) and never a stack trace or a 5xx.
 */
class MalformedRequestsTest {

    private static final String TOKEN = "malformed-requests-token-0123";
    private static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final String PLAIN_GET = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

    private final ExecutorService serverThreads = Executors.newFixedThreadPool(4);
    private HttpServer server;
    private HealthMonitor monitor;

    @BeforeEach
    void start() throws IOException {
        monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("database", ctx -> HealthResult.healthy()).tags("storage").build())
                .build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        JdkHttpHandler.of(Endpoints.of(HealthEndpoints.builder(monitor).authorizer(Authorizer.bearerToken(TOKEN)).build(),
                MetricsEndpoint.of(() -> "credlink_health_status 0.0\n", Authorizer.bearerToken(TOKEN)))).mount(server);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
        monitor.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "get"})
    void refusesMethodsOtherThanGetAndHeadWith405(String method) throws IOException {
        Answer answer = send(method + " /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(answer.body()).isEqualTo("{\"error\":\"method not allowed\"}");
    }

    @Test
    void refusesARequestLineThatIsNotHttpWith400() throws IOException {
        Answer answer = send("this is not http\r\n\r\n");

        assertClientErrorWithoutTrace(answer);
    }

    @Test
    void refusesAHeaderWithoutAColonWith400() throws IOException {
        Answer answer = send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\nConnection: close\r\n\r\n");

        assertClientErrorWithoutTrace(answer);
    }

    @Test
    void refusesALargeWrongCredentialWith403() throws IOException {
        String large = "x".repeat(32 * 1024);
        Answer answer = send("GET /health/detailed HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + large
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(403);
        assertClientErrorWithoutTrace(answer);
    }

    @Test
    void dropsAMegabyteHeaderWithoutAnAnswerAndKeepsServing() throws IOException {
        // The JDK server (sun.net.httpserver.maxReqHeaderSize) closes the connection before the
        // handler sees the request; it sends no 431. What matters: nothing leaks, the server lives.
        String huge = "x".repeat(1024 * 1024);
        String raw = sendRaw("GET /health/detailed HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + huge
                + "\r\nConnection: close\r\n\r\n");

        assertThat(raw).isEmpty();
        assertThat(send(PLAIN_GET).status()).isEqualTo(200);
    }

    @Test
    void dropsTenThousandHeadersWithoutAnAnswerAndKeepsServing() throws IOException {
        // Likewise sun.net.httpserver.maxReqHeaders (200 by default).
        StringBuilder request = new StringBuilder("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < 10_000; i++) {
            request.append("X-Padding-").append(i).append(": ").append(i).append("\r\n");
        }
        String raw = sendRaw(request.append("Connection: close\r\n\r\n").toString());

        assertThat(raw).isEmpty();
        assertThat(send(PLAIN_GET).status()).isEqualTo(200);
    }

    @Test
    void answersBeforeASlowBodyHasArrived() throws IOException {
        // One byte of a declared megabyte: the handler must answer without waiting for the rest.
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1048576\r\nConnection: close\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Answer answer = Answer.parse(readUntilClosedOrTimeout(socket));

            assertThat(answer.status()).isEqualTo(405);
            assertThat(answer.body()).isEqualTo("{\"error\":\"method not allowed\"}");
        }
    }

    @Test
    void answersAGetWithASlowBodyWithoutReadingIt() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "100000\r\nab").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Answer answer = Answer.parse(readUntilClosedOrTimeout(socket));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"status\":\"healthy\"}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "image/png, text/plain;q=0.9", ";;;", "\u00ff\u00fe", "text/*"})
    void refusesAcceptHeadersThatAllowNoJsonWith406(String accept) throws IOException {
        Answer answer = send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + accept + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.body()).isEqualTo("{\"error\":\"only application/json and application/health+json are served\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/v1/health/checks/../../../../etc/passwd",
        "/api/v1/health/checks/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/v1/health/checks/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/api/v1/health/checks/..\\..\\windows\\win.ini",
        "/api/v1/health/checks/database%00.json",
        "/api/v1/health/checks/database/../database",
        "/api/v1/health/checks/%ZZ",
        "/api/v1/health/checks/" + "a",
        "/health/group/../detailed",
        "/health/group/%2e%2e%2fdetailed",
        "/health/../../etc/passwd",
    })
    void answersPathTraversalInANameWith4xx(String path) throws IOException {
        String target = path.endsWith("/a") ? path + "x".repeat(300) : path;
        Answer answer = send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nConnection: close\r\n\r\n");

        assertClientErrorWithoutTrace(answer);
        assertThat(answer.body()).doesNotContain("root:").doesNotContain("\"status\"");
    }

    /**
     * Another spelling of a path is not that path: 404 even to the bearer of the token, so that a
     * path rule in front of the server for {@code /health/detailed} cannot be passed by
     * {@code /health/detailed/}. {@code //x/health/detailed} once reached the router as
     * {@code /health/detailed}: the JDK's server reads {@code x} as an authority.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "/health/detailed/", "/health/", "/health/ready/", "/api/v1/health/checks/database/", "/metrics/",
        "/health/detailed;jsessionid=1", "/health;jsessionid=1", "/health/detailed;", "/health//detailed", "//health/detailed",
        "//x/health/detailed", "/health/detailed//", "/health/./detailed", "/./health/detailed", "/health/detailed/.",
        "/x/../health/detailed", "/health/%2e/detailed", "/health/%2E%2e/health/detailed",
    })
    void answers404ToEveryOtherSpellingOfAPath(String target) throws IOException {
        Answer answer = send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.raw()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"error\":\"not found\"}");
    }

    @Test
    void servesTheCheckItselfByItsPlainName() throws IOException {
        // The control for the traversal cases: the same request with a plain name is answered.
        Answer answer = send("GET /api/v1/health/checks/database HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TOKEN + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"name\"").contains("database");
    }

    /** A query the router cannot read is a 400 on every path, the health endpoints' and the others' alike. */
    @ParameterizedTest
    @ValueSource(strings = {"/health?%zz", "/metrics?%zz", "/metrics?x=%2", "/health/detailed?format=%"})
    void refusesAMalformedQueryWith400OnEveryEndpoint(String target) throws IOException {
        Answer answer = send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("credlink").doesNotContain("database");
        assertClientErrorWithoutTrace(answer);
    }

    private static void assertClientErrorWithoutTrace(Answer answer) {
        assertThat(answer.status()).as(answer.raw()).isBetween(400, 499);
        // The JDK server's own 400 for an unparsable URI names the exception class
        // ("URISyntaxException thrown"), but no stack frame ever leaves.
        assertThat(answer.raw()).doesNotContain("\tat ").doesNotContain("at io.").doesNotContain("at java.")
                .doesNotContain("at sun.").doesNotContain("at com.");
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    private Answer send(String request) throws IOException {
        return Answer.parse(sendRaw(request));
    }

    private String sendRaw(String request) throws IOException {
        try (Socket socket = connect()) {
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (SocketException e) {
                // The server may answer and close before a huge request is all written; read what it said.
            }
            return readUntilClosedOrTimeout(socket);
        }
    }

    /** Reads until the server closes the connection, or until it stops sending for the read timeout. */
    private static String readUntilClosedOrTimeout(Socket socket) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | SocketException e) {
            // a keep-alive connection that stays open, or a reset after the answer: keep what arrived
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** A parsed HTTP/1.1 answer: status code, raw head, and the body (de-chunked if needed). */
    private record Answer(int status, String head, String body, String raw) {
        static Answer parse(String raw) {
            assertThat(raw).as("an answer").startsWith("HTTP/1.1 ");
            int end = raw.indexOf("\r\n\r\n");
            String head = end < 0 ? raw : raw.substring(0, end);
            String body = end < 0 ? "" : raw.substring(end + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Answer(Integer.parseInt(raw.substring(9, 12)), head, body, raw);
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        private static String dechunk(String chunked) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (at < chunked.length()) {
                int lineEnd = chunked.indexOf("\r\n", at);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    break;
                }
                out.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
                at = lineEnd + 2 + size + 2;
            }
            return out.toString();
        }
    }
}
