package io.healthmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Slowloris against {@link JdkHttpHandler#createServer}: clients that send a request one byte at a
 * time hold no thread the probes need, and are disconnected once they exceed the request time
 * (this module's tests run with {@code sun.net.httpserver.maxReqTime=2}; the default is 10 s).
 */
class SlowClientsTest {

    private static final int SLOW_CLIENTS = 32;

    @Test
    void keepsAnsweringProbesWhileSlowClientsHangAndDisconnectsThem() throws Exception {
        HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).register("db", ctx -> HealthResult.healthy()).build();
        HttpServer server = serve(monitor);
        List<Socket> slow = new ArrayList<>();
        try (monitor) {
            int port = server.getAddress().getPort();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.getOutputStream().write("G".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> probe = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(probe.statusCode()).isEqualTo(200);
            }
            for (Socket socket : slow) {
                assertThat(closedByServer(socket, Duration.ofSeconds(10))).as("slow client disconnected").isTrue();
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
            server.stop(0);
        }
    }

    /**
     * A client that asks and never reads holds the request thread that writes to it, blocked once
     * the socket's buffers are full (found by a user test: 255 threads blocked in write after 90 s).
     * The server cuts it once the response takes longer than the response time (2 s here): the
     * client then finds fewer answers than it asked for, and the end of the stream.
     */
    @Test
    void disconnectsClientsThatDoNotReadTheirAnswers() throws Exception {
        HealthMonitor monitor = HealthMonitor.builder().logTransitions(false).register("db", ctx -> HealthResult.healthy()).build();
        HttpServer server = serve(monitor);
        int asked = 400;
        try (monitor; Socket socket = new Socket()) {
            socket.setReceiveBufferSize(1024);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getAddress().getPort()));
            byte[] request = "GET /health/ui HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < asked; i++) {
                        socket.getOutputStream().write(request);
                    }
                } catch (IOException cut) {
                    // the server closed the connection while requests were still being sent
                }
            });
            // Not an assertion of time: the client must not read before the server's 2 s response
            // time has passed (its timer checks once a second), or it would be a client that reads.
            TimeUnit.SECONDS.sleep(5);
            socket.setSoTimeout(10_000);
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            boolean closed;
            try {
                socket.getInputStream().transferTo(received);
                closed = true;
            } catch (SocketTimeoutException open) {
                closed = false;   // every answer sent, and the connection kept alive: nobody cut it
            } catch (IOException reset) {
                closed = true;
            }
            int answers = received.toString(StandardCharsets.ISO_8859_1).split("HTTP/1.1 200", -1).length - 1;
            assertThat(closed).as("closed by the server after %d answers", answers).isTrue();
            assertThat(answers).as("answers before the server cut the connection").isLessThan(asked);
            sending.get(10, TimeUnit.SECONDS);
        } finally {
            server.stop(0);
        }
    }

    /**
     * The JDK's server reads a request's line and headers on a request thread, so every slow client
     * holds one. On Java 21 and later each request gets a virtual thread: with twice as many
     * requests stuck as Java 17's platform threads, one more still runs; on Java 17 the one after
     * {@value JdkHttpHandler#MAX_THREADS} stuck ones is refused. {@code .ci/run} runs this on
     * Java 25 with {@code -Dhealthmonitor.virtualThreads.required=true}, so that a Java 17 runtime
     * there fails instead of testing the bound.
     */
    @Test
    void requestThreadsAreBoundedOnlyBeforeJava21() throws Exception {
        boolean virtual = JdkHttpHandler.virtualThreads() != null;
        if (Boolean.getBoolean("healthmonitor.virtualThreads.required")) {
            assertThat(virtual).as("virtual threads (Java 21 or later)").isTrue();
        }
        ExecutorService threads = JdkHttpHandler.requestThreads();
        CountDownLatch release = new CountDownLatch(1);
        int stuck = virtual ? 2 * JdkHttpHandler.MAX_THREADS : JdkHttpHandler.MAX_THREADS;
        CountDownLatch reading = new CountDownLatch(stuck);
        try {
            for (int i = 0; i < stuck; i++) {
                threads.execute(() -> {
                    reading.countDown();
                    awaitQuietly(release);   // a slow client's headers
                });
            }
            assertThat(reading.await(10, TimeUnit.SECONDS)).as("every stuck request has a thread").isTrue();
            if (!virtual) {
                assertThatThrownBy(() -> threads.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
                return;   // Java 17 to 20: the documented bound
            }
            CompletableFuture<String> probe = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), threads);
            assertThat(probe.get(10, TimeUnit.SECONDS)).as("the probe's thread").isEqualTo("healthmonitor-http-" + stuck);
        } finally {
            release.countDown();
            threads.shutdown();
        }
    }

    /** A started server of the monitor's endpoints, as {@link JdkHttpHandler#createServer} makes it. */
    private static HttpServer serve(HealthMonitor monitor) throws IOException {
        HttpServer server = JdkHttpHandler.createServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        JdkHttpHandler.of(Endpoints.of(HealthEndpoints.builder(monitor).build())).mount(server);
        server.start();
        return server;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits, bounded, for the server to close the connection: the read ends instead of timing out. */
    private static boolean closedByServer(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // a 408 or any bytes the server sends before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
