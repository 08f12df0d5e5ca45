package io.healthmonitor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyTest {

    private ServerSocket echoServer;
    private FaultProxy proxy;

    @BeforeEach
    void startEchoServer() throws IOException {
        echoServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!echoServer.isClosed()) {
                try {
                    Socket socket = echoServer.accept();
                    Thread echo = new Thread(() -> echo(socket));
                    echo.setDaemon(true);
                    echo.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        proxy = FaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), echoServer.getLocalPort()));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echoServer.close();
    }

    @Test
    void passesBytesThroughInBothDirections() throws IOException {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "ping")).isEqualTo("ping");
        }
    }

    @Test
    void blackholeHoldsBytesUntilHealedAndThenDeliversThemInOrder() throws IOException {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "one")).isEqualTo("one");
            proxy.blackhole();
            client.setSoTimeout(300);
            send(client, "two");
            assertThatThrownBy(() -> receive(client, 3)).isInstanceOf(SocketTimeoutException.class);
            proxy.heal();
            client.setSoTimeout(5000);
            assertThat(receive(client, 3)).isEqualTo("two");
        }
    }

    @Test
    void blackholeAcceptsNewConnectionsButNeverAnswers() throws IOException {
        proxy.blackhole();
        try (Socket client = connect()) {
            client.setSoTimeout(300);
            send(client, "hello");
            assertThatThrownBy(() -> receive(client, 5)).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void resetAbortsOpenConnectionsAndRefusesNewOnesUntilHealed() throws IOException {
        try (Socket open = connect()) {
            assertThat(roundTrip(open, "before")).isEqualTo("before");
            proxy.reset();
            assertThatThrownBy(() -> roundTrip(open, "after")).isInstanceOf(IOException.class);
        }
        try (Socket refused = connect()) {
            assertThatThrownBy(() -> roundTrip(refused, "again")).isInstanceOf(IOException.class);
        }
        proxy.heal();
        try (Socket healed = connect()) {
            assertThat(roundTrip(healed, "healed")).isEqualTo("healed");
        }
    }

    @Test
    void latencyDelaysEveryChunk() throws IOException {
        proxy.latency(Duration.ofMillis(200));
        try (Socket client = connect()) {
            long start = System.nanoTime();
            assertThat(roundTrip(client, "slow")).isEqualTo("slow");
            // Two hops of 200 ms each: a lower bound, never an upper one.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void rejectsNegativeLatency() {
        assertThatThrownBy(() -> proxy.latency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("delay must be >= 0");
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(proxy.host(), proxy.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        send(socket, text);
        return receive(socket, text.length());
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String receive(Socket socket, int length) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(length);
        if (bytes.length < length) {
            throw new SocketException("connection closed after " + bytes.length + " bytes");
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // client went away
        }
    }
}
