package io.healthmonitor.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Connects to a live TLS endpoint and captures the chain it presents, within a deadline: the TCP
 * connect is bounded by what is left of it, the handshake's reads too, and the socket is closed
 * when it passes (a server may answer byte by byte). Name resolution is the JDK's and is not
 * bounded; the time it took is part of what a timeout message reports.
 */
final class TlsEndpoint {

    private TlsEndpoint() {
    }

    /**
     * The endpoint did not connect or complete its handshake by the deadline. The message says which,
     * and how long it was waited for.
     */
    static final class Timeout extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        Timeout(String message) {
            super(message);
        }
    }

    /**
     * Returns the chain presented by {@code host:port}, leaf first.
     *
     * @param serverName    the SNI name to send, or null to send {@code host} when it is a name
     * @param deadlineNanos the {@link System#nanoTime()} by which connect and handshake must be done
     */
    static List<X509Certificate> presentedChain(String host, int port, @Nullable String serverName, long deadlineNanos)
            throws IOException, GeneralSecurityException {
        long startNanos = System.nanoTime();
        String name = serverName != null ? serverName : host;
        CapturingTrustManager capture = new CapturingTrustManager();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {capture}, null);
        Socket socket = new Socket();
        try (socket; SocketDeadline deadline = SocketDeadline.arm(socket, deadlineNanos - System.nanoTime())) {
            InetSocketAddress address = new InetSocketAddress(host, port);
            long resolvedNanos = System.nanoTime();
            try {
                socket.connect(address, remainingMillis(deadlineNanos));
            } catch (IOException e) {
                if (e instanceof SocketTimeoutException || deadline.fired() || deadlineNanos - System.nanoTime() <= 0) {
                    throw noConnection(startNanos, resolvedNanos);
                }
                throw e;
            }
            long connectedNanos = System.nanoTime();
            try {
                socket.setSoTimeout(remainingMillis(deadlineNanos));
                try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, name, port, true)) {
                    SSLParameters parameters = tls.getSSLParameters();
                    if (HostnameMatch.isHostname(name)) {
                        parameters.setServerNames(List.of(new SNIHostName(name)));
                    }
                    tls.setSSLParameters(parameters);
                    try {
                        tls.startHandshake();
                    } catch (IOException e) {
                        // A server may still reject us after presenting its chain (it wants a client
                        // certificate, say); the chain is what we came for.
                        List<X509Certificate> captured = capture.chain();
                        if (captured == null || deadline.fired()) {
                            throw e;
                        }
                        return captured;
                    }
                }
            } catch (IOException e) {
                if (e instanceof SocketTimeoutException || deadline.fired()) {
                    throw new Timeout("connected in " + millis(connectedNanos - startNanos) + " ms, then no TLS handshake within "
                            + millis(System.nanoTime() - connectedNanos) + " ms");
                }
                throw e;
            }
            List<X509Certificate> captured = capture.chain();
            if (captured == null || captured.isEmpty()) {
                throw new IOException("TLS endpoint " + host + ":" + port + " presented no certificate");
            }
            return captured;
        }
    }

    /** At least 1 ms: {@link Socket#connect(java.net.SocketAddress, int)} and {@link Socket#setSoTimeout} take 0 as "forever". */
    private static int remainingMillis(long deadlineNanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    /** The connect timed out; name resolution is named when it took a tenth of the time or more. */
    private static Timeout noConnection(long startNanos, long resolvedNanos) {
        long elapsed = System.nanoTime() - startNanos;
        long resolving = resolvedNanos - startNanos;
        return new Timeout("no TCP connection within " + millis(elapsed) + " ms"
                + (resolving * 10 >= elapsed ? " (resolving the name took " + millis(resolving) + " ms)" : ""));
    }

    private static long millis(long nanos) {
        return Math.round(Math.max(nanos, 0) / 1_000_000.0);
    }
}
