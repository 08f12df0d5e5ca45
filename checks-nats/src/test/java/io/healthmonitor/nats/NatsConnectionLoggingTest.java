package io.healthmonitor.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.testsupport.CapturedLog;
import io.healthmonitor.testsupport.RequiredServices;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A real nats-server stopped for several reconnect intervals and restarted: jnats' own listener logs
 * every failed attempt through java.util.logging; {@link NatsConnectionLogging} logs the outage once
 * and the recovery once, through slf4j.
 */
class NatsConnectionLoggingTest {

    /** Short, so that an outage of many reconnect intervals takes well under a second. */
    private static final Duration RECONNECT_WAIT = Duration.ofMillis(100);
    private static final int FAILED_ATTEMPTS = 5;

    @Test
    void logsOneWarningForAnOutageAndOneInfoForTheRecoveryThroughSlf4jAndNothingThroughJul() throws Exception {
        try (PrivateNats server = PrivateNats.start(false, "--user", "health", "--pass", "s3cr3t-pa55");
             CapturedLog log = CapturedLog.start();
             JulRecords jul = JulRecords.capture()) {
            NatsConnectionLogging logging = NatsConnectionLogging.of();
            Connection connection = server.connect(new Options.Builder()
                    .server("nats://health:s3cr3t-pa55@127.0.0.1:" + server.port()).connectionName("orders")
                    .maxReconnects(-1).reconnectWait(RECONNECT_WAIT)
                    .connectionListener(logging).errorListener(logging).build());
            Polling.await("the connection is logged", () -> info(log).size() == 1);

            outage(server, connection);
            Polling.await("the recovery is logged", () -> info(log).size() == 2);

            String masked = "nats://***@127.0.0.1:" + server.port();
            assertThat(log.lines(NatsConnectionLogging.class, "WARN")).singleElement().asString()
                    .contains("NATS connection 'orders' lost " + masked + ": ")
                    .endsWith("; reconnecting in the background (attempts are logged at DEBUG)");
            assertThat(info(log).get(0)).endsWith("NATS connection 'orders' connected to " + masked);
            assertThat(info(log).get(1)).containsPattern("NATS connection 'orders' reconnected to " + masked.replace("*", "\\*")
                    + " after \\d+ ms and \\d+ failed attempts \\(last: java.net.ConnectException: Connection refused\\)$");
            assertThat(log.lines(NatsConnectionLogging.class)).as("nothing else, and no password").hasSize(3)
                    .noneMatch(line -> line.contains("s3cr3t"));
            assertThat(jul.records()).as("records through java.util.logging").isEmpty();
        }
    }

    /** What the issue saw: without it, jnats logs each failed attempt at SEVERE through java.util.logging. */
    @Test
    void jnatsOwnListenerLogsEveryFailedAttemptThroughJul() throws Exception {
        try (PrivateNats server = PrivateNats.start(false);
             JulRecords jul = JulRecords.capture()) {
            Connection connection = server.connect(new Options.Builder().server(server.url())
                    .maxReconnects(-1).reconnectWait(RECONNECT_WAIT).build());

            outage(server, connection);

            assertThat(jul.records()).filteredOn(record -> record.getLevel() == Level.SEVERE)
                    .filteredOn(record -> record.getLoggerName().startsWith("io.nats"))
                    .hasSizeGreaterThanOrEqualTo(FAILED_ATTEMPTS);
        }
    }

    @Test
    void logsAFirstConnectThatFailsOnceAndTheConnectionWhenItFinallySucceeds() throws Exception {
        try (PrivateNats server = PrivateNats.start(false);
             CapturedLog log = CapturedLog.start();
             JulRecords jul = JulRecords.capture()) {
            server.process().stop();
            Connection connection = connectLogged(server,
                    new Options.Builder().server(server.url()).maxReconnects(-1).reconnectWait(RECONNECT_WAIT));
            Polling.await(FAILED_ATTEMPTS + " attempts fail",
                    () -> connection.getStatistics().getExceptions() >= FAILED_ATTEMPTS);

            server.process().restart();
            Polling.await("the connection is logged", () -> info(log).size() == 1);

            assertThat(log.lines(NatsConnectionLogging.class, "WARN")).singleElement().asString()
                    .contains("NATS connection cannot connect to " + server.url() + ": java.net.ConnectException");
            assertThat(info(log)).singleElement().asString()
                    .containsPattern("NATS connection connected to " + server.url() + " after \\d+ ms and \\d+ failed attempts");
            assertThat(jul.records()).isEmpty();
        }
    }

    /**
     * An operator's test: with a wrong password the demo logged "cannot connect ...:
     * java.util.concurrent.TimeoutException" (jnats waits for its connection timeout after the
     * server's -ERR), and closed "(last: java.util.concurrent.TimeoutException)", never the reason.
     */
    @Test
    void namesTheServersRefusalNotTheTimeoutThatFollowsIt() throws Exception {
        try (PrivateNats server = PrivateNats.start(false, "--user", "health", "--pass", "s3cr3t-pa55");
             CapturedLog log = CapturedLog.start()) {
            Connection connection = connectLogged(server, new Options.Builder()
                    .server("nats://health:wr0ng-pa55@127.0.0.1:" + server.port()).maxReconnects(-1)
                    .reconnectWait(RECONNECT_WAIT).connectionTimeout(Duration.ofMillis(300)));
            // jnats gives up after the same refusal twice
            Polling.await("jnats closes the connection", () -> connection.getStatus() == Connection.Status.CLOSED);
            Polling.await("the close is logged", () -> log.lines(NatsConnectionLogging.class, "WARN").size() == 2);

            List<String> warnings = log.lines(NatsConnectionLogging.class, "WARN");
            assertThat(warnings.get(0)).contains("NATS connection cannot connect to nats://***@127.0.0.1:" + server.port()
                    + ": the server reported: Authorization Violation; any further attempts are logged at DEBUG");
            assertThat(warnings.get(1)).containsPattern("NATS connection closed after \\d+ ms without a server and"
                    + " \\d+ failed attempts \\(last: the server reported: Authorization Violation\\)$");
            assertThat(log.lines(NatsConnectionLogging.class)).noneMatch(line -> line.contains("TimeoutException"))
                    .noneMatch(line -> line.contains("pa55"));
        }
    }

    @Test
    void logsARepeatedServerErrorOnceWhileConnected() throws Exception {
        Path config = Files.createTempFile("healthmonitor-nats-", ".conf");
        Files.writeString(config, "authorization { users = [ { user: app, password: \"s3cr3t-pa55\","
                + " permissions: { publish: { deny: \"secret.>\" } } } ] }\n");
        try (PrivateNats server = PrivateNats.start(false, "-c", config.toString());
             CapturedLog log = CapturedLog.start()) {
            NatsConnectionLogging logging = NatsConnectionLogging.of();
            AtomicInteger handled = new AtomicInteger();
            Connection connection = server.connect(new Options.Builder()
                    .server("nats://app:s3cr3t-pa55@127.0.0.1:" + server.port())
                    .connectionListener(logging)
                    .errorListener(new ErrorListener() {
                        @Override
                        public void errorOccurred(Connection c, String error) {
                            logging.errorOccurred(c, error);
                            handled.incrementAndGet();
                        }
                    }).build());

            for (int i = 0; i < 5; i++) {
                connection.publish("secret.plans", new byte[0]);
            }
            Polling.await("all five refusals are handled", () -> handled.get() == 5);

            assertThat(log.lines(NatsConnectionLogging.class, "WARN")).singleElement().asString()
                    .contains("NATS connection: the server reported: ")
                    .contains("Permissions Violation for Publish to \"secret.plans\"");
            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        } finally {
            Files.deleteIfExists(config);
        }
    }

    @Test
    void logsLameDuckModeOnce() throws Exception {
        try (PrivateNats server = PrivateNats.start(false);
             CapturedLog log = CapturedLog.start()) {
            NatsConnectionLogging logging = NatsConnectionLogging.of();
            Connection connection = server.connect(new Options.Builder().server(server.url())
                    .connectionListener(logging).errorListener(logging).build());

            Process signal = new ProcessBuilder(RequiredServices.assumeCommand("nats-server").toString(),
                    "--signal", "ldm=" + server.pidFile()).redirectErrorStream(true).start();
            assertThat(signal.waitFor(10, TimeUnit.SECONDS)).as("nats-server --signal ldm exits").isTrue();
            Polling.await("the lame-duck mode is logged", () -> !log.lines(NatsConnectionLogging.class, "WARN").isEmpty());

            assertThat(connection.getServerInfo().isLameDuckMode()).isTrue();
            assertThat(log.lines(NatsConnectionLogging.class, "WARN")).singleElement().asString()
                    .endsWith("NATS connection: its server " + server.url() + " entered lame-duck mode and will shut down");
        }
    }

    private static void outage(PrivateNats server, Connection connection) {
        server.process().stop();
        Polling.await("the client notices the server is gone", () -> connection.getStatus() != Connection.Status.CONNECTED);
        long before = connection.getStatistics().getExceptions();
        Polling.await(FAILED_ATTEMPTS + " reconnect attempts fail",
                () -> connection.getStatistics().getExceptions() >= before + FAILED_ATTEMPTS);
        server.process().restart();
        Polling.await("the client reconnects", () -> connection.getStatus() == Connection.Status.CONNECTED);
    }

    private static List<String> info(CapturedLog log) {
        return log.lines(NatsConnectionLogging.class, "INFO");
    }

    /** Every java.util.logging record while open, on a handler of the root logger; the console handlers are muted meanwhile. */
    static final class JulRecords extends Handler implements AutoCloseable {
        private final Logger root = Logger.getLogger("");
        private final Handler[] muted = root.getHandlers();
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        static JulRecords capture() {
            JulRecords capture = new JulRecords();
            for (Handler handler : capture.muted) {
                capture.root.removeHandler(handler);
            }
            capture.setLevel(Level.ALL);
            capture.root.addHandler(capture);
            return capture;
        }

        List<LogRecord> records() {
            return List.copyOf(records);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            root.removeHandler(this);
            for (Handler handler : muted) {
                root.addHandler(handler);
            }
        }
    }

    /**
     * Connects in the background with a {@link NatsConnectionLogging} listening, as an application
     * wires it, and returns the connection once jnats made it (connected or still trying); the
     * server closes it.
     */
    private static Connection connectLogged(PrivateNats server, Options.Builder options) throws InterruptedException {
        NatsConnectionLogging logging = NatsConnectionLogging.of();
        AtomicReference<Connection> seen = new AtomicReference<>();
        Nats.connectAsynchronously(options.errorListener(logging)
                .connectionListener((connection, event) -> {
                    seen.set(connection);
                    logging.connectionEvent(connection, event);
                })
                .build(), true);
        Polling.await("the connection exists", () -> seen.get() != null);
        return server.own(seen.get());
    }
}
