package io.healthmonitor.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A private listener on an ephemeral port of 127.0.0.1 that answers every connection with a line
 * of HTTP, then reads until the client closes (bounded by a 5 s read timeout): a port where
 * something other than the database listens.
 */
final class JunkServer implements AutoCloseable {

    private static final byte[] JUNK = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;

    private JunkServer() throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "junk-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static JunkServer start() throws IOException {
        return new JunkServer();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread answer = new Thread(() -> answer(client), "junk-answer");
                answer.setDaemon(true);
                answer.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void answer(Socket client) {
        try (client; OutputStream out = client.getOutputStream(); InputStream in = client.getInputStream()) {
            client.setSoTimeout(5_000);
            out.write(JUNK);
            out.flush();
            byte[] buffer = new byte[512];
            while (in.read(buffer) >= 0) {
                // what the client sends is ignored
            }
        } catch (IOException e) {
            // the client went away, or the read timed out
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
