package io.healthmonitor.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;

/** A real TLS server (JDK SSLServerSocket) on 127.0.0.1 and an ephemeral port, presenting a given chain. */
final class TlsServer implements AutoCloseable {

    private final SSLServerSocket server;
    private final List<String> requestedServerNames = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private TlsServer(SSLServerSocket server) {
        this.server = server;
        // Recorded while the server reads the ClientHello, so before the client's handshake can
        // complete: a test that asserts after the client is done never races the server thread.
        SSLParameters parameters = server.getSSLParameters();
        parameters.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
            @Override
            public boolean matches(SNIServerName name) {
                requestedServerNames.add(new SNIHostName(name.getEncoded()).getAsciiName());
                return true;
            }
        }));
        server.setSSLParameters(parameters);
        Thread acceptor = new Thread(this::acceptLoop, "test-tls-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server presenting the key entry of {@code keyStore}, whose key password is {@code password}. */
    static TlsServer start(KeyStore keyStore, char[] password) {
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return new TlsServer((SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot start the test TLS server", e);
        }
    }

    static TlsServer presenting(TestPki.Issued leaf, java.security.cert.X509Certificate... chain) {
        char[] password = "server-key-password".toCharArray();
        return start(TestPki.keyStore("PKCS12", password, leaf, chain), password);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The SNI host names clients sent, in order; handshakes without SNI add nothing. */
    List<String> requestedServerNames() {
        return requestedServerNames;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SSLSocket socket = (SSLSocket) server.accept();
                Thread connection = new Thread(() -> serve(socket), "test-tls-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // drain until the client closes
            }
        } catch (SocketException e) {
            // the client went away
        } catch (IOException e) {
            // a failed handshake or a timeout: the client's problem to report
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
