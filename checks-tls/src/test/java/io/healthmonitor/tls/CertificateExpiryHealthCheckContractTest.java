package io.healthmonitor.tls;

import io.healthmonitor.HealthCheck;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testing.HealthCheckContract;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The checks-module contract against a real TLS server, a closed port and a blackholing proxy. No
 * timeout is configured: the check takes its time from the context, and gives up by itself.
 */
class CertificateExpiryHealthCheckContractTest implements HealthCheckContract {

    private static TlsServer server;
    private static FaultProxy proxy;

    @BeforeAll
    static void start() {
        TestPki.Issued root = TestPki.root("Contract Root", Duration.ofDays(3650));
        server = TlsServer.presenting(TestPki.leaf("contract.example.com", root, Duration.ofDays(365)));
        proxy = FaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        server.close();
    }

    @Override
    public HealthCheck checkOfLiveDependency() {
        return CertificateExpiryHealthCheck.builder(CertificateSource.endpoint("127.0.0.1", server.port()))
                .clock(TestPki.CLOCK).build();
    }

    @Override
    public HealthCheck checkOfUnreachableDependency() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return CertificateExpiryHealthCheck.builder(CertificateSource.endpoint("127.0.0.1", port))
                .clock(TestPki.CLOCK).build();
    }

    @Override
    public HealthCheck checkOfBlackholedDependency() {
        proxy.blackhole();
        return CertificateExpiryHealthCheck.builder(CertificateSource.endpoint(proxy.host(), proxy.port()))
                .clock(TestPki.CLOCK).build();
    }
}
