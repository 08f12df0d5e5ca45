package com.example;

import static io.healthmonitor.testing.HealthAssertions.assertThat;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HttpEndpointHealthCheck;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testing.HealthCheckContract;
import io.healthmonitor.testing.StubHealthCheck;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A user's test: the kit's assertions and doubles, and the contract kit's inherited tests. */
class PaymentsHealthTest implements HealthCheckContract {

    private FaultProxy proxy;

    @AfterEach
    void closeProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void reportsTheServiceDegradedWhenANonCriticalDependencyFails() throws InterruptedException {
        StubHealthCheck payments = new StubHealthCheck(HealthResult.unhealthy("connection refused"));
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("payments", payments).critical(false).build())
                .build()) {
            monitor.awaitReady(Duration.ofSeconds(10));
            assertThat(monitor.report()).isDegraded().hasCheck("payments").isUnhealthy().isNotCritical();
        }
    }

    @Override
    public HealthCheck checkOfLiveDependency() {
        return ctx -> HealthResult.healthy();
    }

    @Override
    public HealthCheck checkOfUnreachableDependency() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        return HttpEndpointHealthCheck.of(URI.create("http://127.0.0.1:" + closed + "/health"));
    }

    @Override
    public HealthCheck checkOfBlackholedDependency() throws Exception {
        proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 9));
        proxy.blackhole();
        return HttpEndpointHealthCheck.of(URI.create("http://127.0.0.1:" + proxy.port() + "/health"));
    }
}
