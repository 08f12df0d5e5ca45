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

/** Connects to a live TLS endpoint and captures the chain it presents, within a deadline. */
final class TlsEndpoint {

    private TlsEndpoint() {
    }

    /**
     * Returns the chain presented by {@code host:port}, leaf first.
     *
     * @param serverName   the SNI name to send, or null to send {@code host} when it is a name
     * @param deadlineNanos the {@link System#nanoTime()} by which connect and handshake must be done
     */
    static List<X509Certificate> presentedChain(String host, int port, @Nullable String serverName, long deadlineNanos)
            throws IOException, GeneralSecurityException {
        String name = serverName != null ? serverName : host;
        CapturingTrustManager capture = new CapturingTrustManager();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {capture}, null);
        Socket socket = new Socket();
        try (socket; SocketDeadline deadline = SocketDeadline.arm(socket, deadlineNanos - System.nanoTime())) {
            try {
                socket.connect(new InetSocketAddress(host, port), remainingMillis(deadlineNanos, host, port));
                socket.setSoTimeout(remainingMillis(deadlineNanos, host, port));
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
                if (deadline.fired()) {
                    throw timedOut(host, port);
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

    private static int remainingMillis(long deadlineNanos, String host, int port) throws SocketTimeoutException {
        long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (millis <= 0) {
            throw timedOut(host, port);
        }
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    private static SocketTimeoutException timedOut(String host, int port) {
        return new SocketTimeoutException("no TLS handshake with " + host + ":" + port + " within the check's timeout");
    }
}
