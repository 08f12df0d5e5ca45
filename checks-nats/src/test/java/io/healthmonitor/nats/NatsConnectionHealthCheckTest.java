package io.healthmonitor.nats;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testing.HealthCheckContract;
import io.healthmonitor.testing.MutableClock;
import io.healthmonitor.testsupport.RequiredServices;
import io.nats.client.Connection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NatsConnectionHealthCheckTest implements HealthCheckContract {

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
        return NatsConnectionHealthCheck.of(nats.connect());
    }

    @Override
    public HealthCheck checkOfUnreachableDependency() {
        // The server is gone: the connection keeps reconnecting to a port nothing listens on, and
        // with no grace period a lost connection is unhealthy at once.
        PrivateNats doomed = PrivateNats.start(false);
        resources.add(doomed);
        Connection connection = doomed.connect();
        doomed.process().kill();
        Polling.await("the client notices the server is gone", () -> connection.getStatus() != Connection.Status.CONNECTED);
        return NatsConnectionHealthCheck.builder(connection).gracePeriod(Duration.ZERO).build();
    }

    @Override
    public HealthCheck checkOfBlackholedDependency() {
        FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", nats.port()));
        resources.add(proxy);
        Connection connection = nats.connect("nats://127.0.0.1:" + proxy.port());
        proxy.blackhole();
        return NatsConnectionHealthCheck.of(connection);
    }

    @Test
    void reportsHealthyWithRoundTripAndServerDetailsWhenConnected() throws Exception {
        Connection connection = nats.connect();

        HealthResult result = NatsConnectionHealthCheck.of(connection).check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details())
                .containsEntry("connectionStatus", "CONNECTED")
                .containsEntry("serverId", connection.getServerInfo().getServerId())
                .containsEntry("serverVersion", connection.getServerInfo().getVersion())
                .containsEntry("connectedUrl", nats.url())
                .containsEntry("reconnects", 0L)
                .containsKey("rttMillis");
        assertThat((Double) result.details().get("rttMillis")).isPositive().isLessThan(1_000.0);
    }

    @Test
    void masksCredentialsOfTheConnectedUrl() throws Exception {
        try (PrivateNats secured = PrivateNats.start(false, "--user", "health", "--pass", "s3cr3t-pa55")) {
            Connection connection = secured.connect("nats://health:s3cr3t-pa55@127.0.0.1:" + secured.port());

            HealthResult result = NatsConnectionHealthCheck.of(connection).check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(result.toString()).doesNotContain("s3cr3t-pa55");
            assertThat(result.details().get("connectedUrl").toString()).doesNotContain("s3cr3t").contains("127.0.0.1");
        }
    }

    @Test
    void reportsDegradedDuringTheGracePeriodThenUnhealthyThenHealthyAfterRestart() throws Exception {
        try (PrivateNats server = PrivateNats.start()) {
            Connection connection = server.connect();
            MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
            NatsConnectionHealthCheck check = NatsConnectionHealthCheck.builder(connection)
                    .gracePeriod(Duration.ofSeconds(10)).clock(clock).build();
            assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);

            server.process().stop();
            Polling.await("the client notices the server is gone",
                    () -> connection.getStatus() != Connection.Status.CONNECTED);

            HealthResult lost = check.check(CheckContext.of("test", Duration.ofSeconds(5)));
            assertThat(lost.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(lost.message()).contains("within the grace period");
            assertThat(lost.details()).containsEntry("gracePeriodMillis", 10_000L).containsKey("disconnectedMillis");

            clock.advance(Duration.ofSeconds(9));
            assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.DEGRADED);

            clock.advance(Duration.ofSeconds(1));
            HealthResult down = check.check(CheckContext.of("test", Duration.ofSeconds(5)));
            assertThat(down.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(down.message()).contains("longer than the grace period of 10000 ms");
            assertThat(down.details()).containsEntry("disconnectedMillis", 10_000L);

            server.process().restart();
            HealthResult back = Polling.await("the same check reports the reconnected connection healthy",
                    () -> uncheckedCheck(check), result -> result.status() == HealthStatus.HEALTHY);
            assertThat(back.details()).containsEntry("connectionStatus", "CONNECTED").containsEntry("reconnects", 1L);

            // A second outage gets a grace period of its own.
            server.process().kill();
            Polling.await("the client notices the crash", () -> connection.getStatus() != Connection.Status.CONNECTED);
            assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.DEGRADED);
        }
    }

    @Test
    void theGracePeriodCountsFromTheFirstUnansweredPingNotFromTheLaterDisconnect() throws Exception {
        // Found by an operator's test: with NATS frozen the check said "no PONG" (unhealthy), jnats
        // declared the connection lost 8 s later, and the next result was degraded ("within the grace
        // period"), logged as "recovered", while the server was still frozen.
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", nats.port()))) {
            Connection connection = nats.connect("nats://127.0.0.1:" + proxy.port());
            MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
            NatsConnectionHealthCheck check = NatsConnectionHealthCheck.builder(connection)
                    .gracePeriod(Duration.ofSeconds(10)).clock(clock).build();
            assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);
            proxy.blackhole();

            assertThat(check.check(CheckContext.of("test", Duration.ofMillis(200))).message()).startsWith("no PONG");
            clock.advance(Duration.ofSeconds(11));
            // More unanswered PINGs, until jnats gives the connection up (max pings out).
            Polling.await("jnats declares the connection lost", () -> {
                uncheckedCheck(check, Duration.ofMillis(200));
                return connection.getStatus() != Connection.Status.CONNECTED;
            });
            HealthResult lost = check.check(CheckContext.of("test", Duration.ofMillis(200)));
            assertThat(lost.details().get("connectionStatus")).isNotEqualTo("CONNECTED");
            assertThat(lost.status()).as(lost.toString()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(lost.details()).containsEntry("disconnectedMillis", 11_000L);
        }
    }

    @Test
    void neverReportsABlackholedConnectionHealthy() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", nats.port()))) {
            Connection connection = nats.connect("nats://127.0.0.1:" + proxy.port());
            NatsConnectionHealthCheck check = NatsConnectionHealthCheck.of(connection);
            assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);
            proxy.blackhole();

            // Unanswered PINGs pile up; past jnats' max pings out, flush() returns without a PING.
            for (int probe = 1; probe <= 4; probe++) {
                HealthResult result = check.check(CheckContext.of("test", Duration.ofMillis(100)));
                assertThat(result.status()).as("probe %d: %s", probe, result).isNotEqualTo(HealthStatus.HEALTHY);
                assertThat(result.details()).doesNotContainKey("rttMillis");
            }
        }
    }

    @Test
    void waitsForThePongUntilJustBeforeTheDeadlineAndSaysHowLongItWaited() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", nats.port()))) {
            Connection connection = nats.connect("nats://127.0.0.1:" + proxy.port());
            NatsConnectionHealthCheck check = NatsConnectionHealthCheck.of(connection);
            proxy.blackhole();
            CheckContext context = CheckContext.of("nats", Duration.ofMillis(800));

            HealthResult result = check.check(context);

            // The client timeout is the 800 ms less a margin of 80 ms; the message gives the time really waited.
            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).matches("no PONG from the NATS server within \\d+ ms");
            ReportedWait.assertMostOf(context.timeout(), result.message());
        }
    }

    @Test
    void reportsClosedConnectionAsUnhealthy() throws Exception {
        Connection connection = nats.connect();
        NatsConnectionHealthCheck check = NatsConnectionHealthCheck.of(connection);
        connection.close();

        HealthResult result = check.check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("NATS connection is closed");
        assertThat(result.details()).containsEntry("connectionStatus", "CLOSED");
    }

    @Test
    void reportsLameDuckServerAsDegraded() throws Exception {
        try (PrivateNats server = PrivateNats.start()) {
            Connection connection = server.connect();
            NatsConnectionHealthCheck check = NatsConnectionHealthCheck.of(connection);
            assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);

            Process signal = new ProcessBuilder(RequiredServices.assumeCommand("nats-server").toString(),
                    "--signal", "ldm=" + server.pidFile()).redirectErrorStream(true).start();
            assertThat(signal.waitFor(10, TimeUnit.SECONDS)).as("nats-server --signal ldm exits").isTrue();
            assertThat(signal.exitValue()).as("nats-server --signal ldm exit code").isZero();
            Polling.await("the server announces lame-duck mode", () -> connection.getServerInfo().isLameDuckMode());

            HealthResult result = check.check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(result.message()).contains("lame-duck mode");
        }
    }

    @Test
    void rejectsInvalidOptions() {
        Connection connection = nats.connect();
        NatsConnectionHealthCheck.Builder builder = NatsConnectionHealthCheck.builder(connection);
        assertThatThrownBy(() -> NatsConnectionHealthCheck.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("connection");
        assertThatThrownBy(() -> builder.gracePeriod(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gracePeriod must be >= 0");
        assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
    }

    private static HealthResult uncheckedCheck(NatsConnectionHealthCheck check) {
        return uncheckedCheck(check, Duration.ofSeconds(5));
    }

    private static HealthResult uncheckedCheck(NatsConnectionHealthCheck check, Duration timeout) {
        try {
            return check.check(CheckContext.of("test", timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
