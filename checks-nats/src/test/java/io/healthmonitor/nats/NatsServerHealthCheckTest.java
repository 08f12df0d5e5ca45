package io.healthmonitor.nats;

import io.healthmonitor.CheckContext;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testing.HealthCheckContract;
import io.healthmonitor.testsupport.ServerProcess;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NatsServerHealthCheckTest implements HealthCheckContract {

    private static PrivateNats nats;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        nats = PrivateNats.start();
    }

    @AfterAll
    static void stopServer() {
        if (nats != null) {
            nats.close();
        }
    }

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Override
    public HealthCheck checkOfLiveDependency() {
        return NatsServerHealthCheck.of(nats.monitoringUrl());
    }

    @Override
    public HealthCheck checkOfUnreachableDependency() {
        return NatsServerHealthCheck.of(URI.create("http://127.0.0.1:" + ServerProcess.freePort()));
    }

    @Override
    public HealthCheck checkOfBlackholedDependency() {
        URI monitoring = nats.monitoringUrl();
        FaultProxy proxy = FaultProxy.start(new InetSocketAddress(monitoring.getHost(), monitoring.getPort()));
        resources.add(proxy);
        proxy.blackhole();
        return NatsServerHealthCheck.of(URI.create("http://127.0.0.1:" + proxy.port()));
    }

    @Test
    void reportsHealthyServerWithIdentityAndLoad() throws Exception {
        nats.connect();

        HealthResult result = NatsServerHealthCheck.builder(nats.monitoringUrl()).jetStream(true).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details())
                .containsEntry("serverStatus", "ok")
                .containsEntry("jetStreamEnabled", true)
                .containsKeys("serverId", "serverName", "serverVersion", "memoryBytes", "cpuPercent", "uptimeSeconds");
        assertThat((Long) result.details().get("connections")).isPositive();
    }

    @Test
    void reportsHealthzOnlyWhenVarzIsOff() throws Exception {
        HealthResult result = NatsServerHealthCheck.builder(nats.monitoringUrl()).varz(false).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsOnlyKeys("serverStatus");
    }

    @Test
    void reportsServerWithoutJetStreamAsUnhealthyWhenJetStreamIsRequired() throws Exception {
        try (PrivateNats plain = PrivateNats.start(false)) {
            assertThat(NatsServerHealthCheck.of(plain.monitoringUrl()).check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);

            HealthResult result = NatsServerHealthCheck.builder(plain.monitoringUrl()).jetStream(true).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).isEqualTo("JetStream is not enabled on the NATS server");
            assertThat(result.details()).containsEntry("jetStreamEnabled", false);
        }
    }

    @Test
    void reportsStoppedServerAsUnreachableAndRecoversAfterRestart() throws Exception {
        try (PrivateNats server = PrivateNats.start()) {
            NatsServerHealthCheck check = NatsServerHealthCheck.of(server.monitoringUrl());
            assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);

            server.process().stop();
            HealthResult down = check.check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(down.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(down.message()).startsWith("NATS monitoring endpoint " + server.monitoringUrl() + " is unreachable: ");

            server.process().restart();
            HealthResult back = Polling.await("the monitoring endpoint answers again", () -> {
                try {
                    return check.check(CheckContext.of("test", Duration.ofSeconds(5)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }, result -> result.status() == HealthStatus.HEALTHY);
            assertThat(back.details()).containsEntry("serverStatus", "ok");
        }
    }

    @Test
    void reportsSlowEndpointAsUnhealthyBeforeTheDeadlineSayingHowLongItWaited() throws Exception {
        URI monitoring = nats.monitoringUrl();
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress(monitoring.getHost(), monitoring.getPort()))) {
            proxy.latency(Duration.ofSeconds(2));
            NatsServerHealthCheck check = NatsServerHealthCheck.of(URI.create("http://127.0.0.1:" + proxy.port()));

            // The client timeout is the 800 ms less a margin of 80 ms; the message gives the time really waited.
            HealthResult result = check.check(CheckContext.of("test", Duration.ofMillis(800)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).matches(".* did not answer /healthz within \\d+ ms");
            ReportedWait.assertMostOf(Duration.ofMillis(800), result.message());
        }
    }

    @Test
    void boundsTheSecondRequestByWhatTheFirstLeft() throws Exception {
        URI monitoring = nats.monitoringUrl();
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress(monitoring.getHost(), monitoring.getPort()))) {
            // Each chunk is delayed both ways: /healthz takes about 900 ms of the 1500 ms, /varz gets what is left.
            proxy.latency(Duration.ofMillis(450));
            NatsServerHealthCheck check = NatsServerHealthCheck.of(URI.create("http://127.0.0.1:" + proxy.port()));

            CheckResult result = HealthCheckContract.runUnderDeadline(check);

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).as("the check itself gives up on /varz, before the engine's deadline")
                    .matches(".* did not answer /varz within \\d+ ms");
            assertThat(result.details()).containsEntry("serverStatus", "ok");
        }
    }

    @Test
    void readsAtMostAMebibyteOfAnEndlessBody() throws Exception {
        HttpServer endless = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endless.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0);   // chunked, no length
            byte[] chunk = ("{\"status\":\"ok\",\"pad\":\"" + "x".repeat(64 * 1024)).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(chunk);
                }
            } catch (IOException cancelled) {
                // the check stopped reading
            }
        });
        endless.start();
        try {
            NatsServerHealthCheck check = NatsServerHealthCheck.of(
                    URI.create("http://127.0.0.1:" + endless.getAddress().getPort()));
            CheckContext context = CheckContext.of("test", Duration.ofSeconds(5));

            HealthResult result = check.check(context);

            // It used to collect the body as a String until the deadline: hundreds of MB, or an OutOfMemoryError.
            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).isEqualTo("NATS monitoring endpoint http://127.0.0.1:" + endless.getAddress().getPort()
                    + " answered /healthz with a body larger than 1048576 bytes");
            assertThat(context.expired()).isFalse();
        } finally {
            endless.stop(0);
        }
    }

    @Test
    void rejectsInvalidOptions() {
        assertThatThrownBy(() -> NatsServerHealthCheck.builder(URI.create("nats://127.0.0.1:4222")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("url must be an http or https URL");
        assertThatThrownBy(() -> NatsServerHealthCheck.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("url");
        assertThatThrownBy(() -> NatsServerHealthCheck.of(URI.create("http://admin:hunter2@127.0.0.1:8222")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url must not contain credentials: pass httpClient(..) with an Authenticator");
        assertThatThrownBy(() -> NatsServerHealthCheck.of(URI.create("http://127.0.0.1:8222/?token=x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without query");
    }
}
