package io.healthmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;

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
        HttpServer server = JdkHttpHandler.createServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        JdkHttpHandler.of(Endpoints.of(HealthEndpoints.builder(monitor).build())).mount(server);
        server.start();
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
