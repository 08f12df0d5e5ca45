package io.healthmonitor.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerProcessTest {

    @Test
    void startsKillsAndRestartsAPrivateRedisOnTheSamePort() throws IOException {
        Path redis = RequiredServices.assumeCommand("redis-server");
        try (ServerProcess server = ServerProcess.start("redis", port -> List.of(redis.toString(),
                "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"))) {
            assertThat(ping(server.port())).isEqualTo("+PONG");
            assertThat(ProcessHandle.of(server.pid())).hasValueSatisfying(handle ->
                    assertThat(handle.info().command()).hasValueSatisfying(command -> assertThat(command).contains("redis")));
            int port = server.port();
            server.kill();
            assertThat(server.isRunning()).isFalse();
            server.restart();
            assertThat(server.port()).isEqualTo(port);
            assertThat(ping(server.port())).isEqualTo("+PONG");
        }
    }

    private static String ping(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII);
        }
    }
}
