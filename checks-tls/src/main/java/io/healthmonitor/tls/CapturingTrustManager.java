package io.healthmonitor.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Accepts any server chain and keeps it, so that expired, self-signed and untrusted chains can be
 * reported rather than failing the handshake. Used only to capture a chain for inspection: trust
 * is decided afterwards, separately, by {@link ChainValidation}. Never used to send data.
 *
 * <p>Extends {@link X509ExtendedTrustManager} so the JDK does not wrap it with checks of its own.
 */
final class CapturingTrustManager extends X509ExtendedTrustManager {

    private volatile @Nullable List<X509Certificate> chain;

    @Nullable List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType) {
        chain = List.of(presented.clone());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) {
        chain = List.of(presented.clone());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
        chain = List.of(presented.clone());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType) {
        throw new UnsupportedOperationException("client certificates are never checked here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket) {
        throw new UnsupportedOperationException("client certificates are never checked here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("client certificates are never checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
