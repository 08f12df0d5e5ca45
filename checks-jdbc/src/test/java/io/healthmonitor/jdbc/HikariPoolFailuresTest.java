package io.healthmonitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testsupport.CapturedLog;
import io.healthmonitor.testsupport.ServerProcess;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a HikariCP pool that lends no connection is reported as, on the local PostgreSQL and
 * MariaDB, with real blackholes and resets through the fault proxy: exhausted only when the
 * application holds every connection; otherwise the pool cannot open connections, and its own
 * last connection error is the cause. Every message says how long the check really waited.
 */
class HikariPoolFailuresTest {

    private static final Duration DEADLINE = Duration.ofMillis(1500);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private FaultProxy proxy;

    @AfterEach
    void cleanUp() throws Exception {
        if (proxy != null) {
            proxy.heal(); // lets attempts stuck in the blackhole end, so the pools close at once
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void reportsPoolExhaustedWhenTheApplicationHoldsEveryConnection() throws Exception {
        Databases.assumePostgres();
        HikariDataSource pool = own(Databases.hikari(Databases.postgresUrl(Databases.POSTGRES_PORT, "test"), "postgres", 2));
        holdEveryConnection(pool, 2);

        HealthResult result = DataSourceHealthCheck.of(pool).check(CheckContext.of("test", DEADLINE));

        assertThat(result.details()).as("%s", result).containsEntry("failure", "pool_exhausted");
        assertThat(result.message()).matches("pool exhausted: all 2 connections in use, none returned within \\d+ ms"
                + " \\(2/2 connections active, 0 idle, 0 threads waiting\\)");
    }

    @Test
    void saysHowLongItReallyWaitedForAConnection() throws Exception {
        Databases.assumePostgres();
        // A validationTimeout that fits in the deadline: the check borrows on its own thread.
        HikariDataSource pool = own(Databases.hikari(Databases.postgresUrl(Databases.POSTGRES_PORT, "test"), "postgres", 2,
                config -> config.setValidationTimeout(1000)));
        holdEveryConnection(pool, 2);

        long start = System.nanoTime();
        HealthResult result = DataSourceHealthCheck.of(pool).check(CheckContext.of("test", DEADLINE));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(ReportedWait.millis(result.message())).as("the wait it reports: %s", result.message())
                .isLessThanOrEqualTo(elapsedMillis);
        ReportedWait.assertMostOf(DEADLINE, result.message());
    }

    @Test
    void reportsAPoolThatCannotReachABlackholedPostgresAsATimeoutNotAsExhaustion() throws Exception {
        Databases.assumePostgres();
        HealthResult result = checkAPoolStartedDuring(FaultProxy::blackhole, Databases.POSTGRES_PORT,
                port -> Databases.postgresUrl(port, "test"), "postgres");

        assertThat(result.details()).as("%s", result).containsEntry("failure", "timeout");
        assertThat(result.message()).matches("timeout: no connection within \\d+ ms: the pool has 0 of at most 2"
                + " connections open and opened no other in that time, without an error: the database does not answer");
        ReportedWait.assertMostOf(DEADLINE, result.message());
    }

    @Test
    void reportsABlackholeThatStrikesAnOpenPoolAsATimeoutNotAsExhaustion() throws Exception {
        Databases.assumePostgres();
        proxy = FaultProxy.start(new InetSocketAddress(Databases.HOST, Databases.POSTGRES_PORT));
        HikariDataSource pool = own(Databases.hikari(Databases.postgresUrl(proxy.port(), "test"), "postgres", 2));
        DataSourceHealthCheck check = DataSourceHealthCheck.of(pool);
        assertThat(check.check(CheckContext.of("test", DEADLINE)).status()).isEqualTo(HealthStatus.HEALTHY);
        proxy.blackhole();
        // Setup, not an assertion: age the idle connections past Hikari's 500 ms window, so Hikari
        // tests one (with its 5 s validationTimeout) before lending it.
        TimeUnit.MILLISECONDS.sleep(600);

        HealthResult result = check.check(CheckContext.of("test", DEADLINE));

        assertThat(result.details()).as("%s", result).containsEntry("failure", "timeout");
        assertThat(result.message()).matches("timeout: no connection within \\d+ ms: HikariCP's borrow is still testing"
                + " an idle connection, which HikariCP allows its validationTimeout of 5000 ms"
                + " \\(pool: \\d/2 connections active, \\d idle, 0 threads waiting\\)");
        ReportedWait.assertMostOf(DEADLINE, result.message());
    }

    @Test
    void reportsTheResetThatKeepsAPoolFromReachingPostgresAsTheCause() throws Exception {
        Databases.assumePostgres();
        HealthResult result = checkAPoolStartedDuring(FaultProxy::reset, Databases.POSTGRES_PORT,
                port -> Databases.postgresUrl(port, "test"), "postgres");

        assertThat(result.details()).as("%s", result).containsEntry("failure", "connection_failed");
        assertThat(result.message()).matches("connection failed: no connection within \\d+ ms: the pool has 0 of at most 2"
                + " connections open and cannot open another; its last connection error: The connection attempt failed\\."
                + " \\(Connection reset( by peer)?\\)");
        assertThat(result.error()).as("the pool's own error, not its generic timeout").isNotNull()
                .hasMessage("The connection attempt failed.");
    }

    @Test
    void reportsTheResetThatKeepsAPoolFromReachingMariaDbAsTheCause() throws Exception {
        Databases.assumeMariaDb();
        HealthResult result = checkAPoolStartedDuring(FaultProxy::reset, Databases.MARIADB_PORT,
                port -> mariaDbUrl(port, "test"), "root");

        assertThat(result.details()).as("%s", result).containsEntry("failure", "connection_failed");
        assertThat(result.message()).startsWith("connection failed: no connection within ")
                .contains("the pool has 0 of at most 2 connections open and cannot open another; its last connection error: ")
                .contains("Connection reset")
                .doesNotContain("Connection is not available");
    }

    @Test
    void reportsAPoolThatCannotReachABlackholedMariaDbAsATimeoutNotAsExhaustion() throws Exception {
        Databases.assumeMariaDb();
        HealthResult result = checkAPoolStartedDuring(FaultProxy::blackhole, Databases.MARIADB_PORT,
                port -> mariaDbUrl(port, "test"), "root");

        assertThat(result.details()).as("%s", result).containsEntry("failure", "timeout");
        assertThat(result.message()).contains("the pool has 0 of at most 2 connections open and opened no other in that time");
    }

    @Test
    void reportsARefusedDatabaseBehindAPoolWithoutWaitingOutAStartUpDeadline() throws Exception {
        Databases.assumePostgres();
        int closedPort = ServerProcess.freePort();
        HikariDataSource pool = own(Databases.hikariStartingWithoutDatabase(
                Databases.postgresUrl(closedPort, "test"), "postgres", 2));
        Duration startUpDeadline = Duration.ofSeconds(10);

        long start = System.nanoTime();
        HealthResult result = DataSourceHealthCheck.of(pool).check(CheckContext.of("test", startUpDeadline));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result.details()).as("%s", result).containsEntry("failure", "connection_refused");
        assertThat(result.message()).startsWith("connection refused: no connection within ")
                .contains("its last connection error: Connection to 127.0.0.1:" + closedPort + " refused.");
        assertThat(ReportedWait.millis(result.message())).isLessThanOrEqualTo(elapsedMillis);
        assertThat(elapsedMillis).as("a pool that has no connection and an error says so after a first look,"
                + " a tenth of the time").isLessThan(startUpDeadline.toMillis() / 2);
    }

    @Test
    void reportsThePoolsOwnErrorForAnUnknownPostgresDatabase() throws Exception {
        Databases.assumePostgres();
        HikariDataSource pool = own(Databases.hikariStartingWithoutDatabase(
                Databases.postgresUrl(Databases.POSTGRES_PORT, "nosuchdb"), "postgres", 2));

        HealthResult result = DataSourceHealthCheck.of(pool).check(CheckContext.of("test", DEADLINE));

        assertThat(result.details()).as("%s", result).containsEntry("failure", "unknown_database");
        assertThat(result.message()).startsWith("unknown database: no connection within ")
                .endsWith("its last connection error: FATAL: database \"nosuchdb\" does not exist")
                .doesNotContain("Connection is not available");
        assertThat(result.error()).isNotNull().hasMessageContaining("database \"nosuchdb\" does not exist");
    }

    @Test
    void reportsThePoolsOwnErrorForAnUnknownMariaDbDatabase() throws Exception {
        Databases.assumeMariaDb();
        HikariDataSource pool = own(Databases.hikariStartingWithoutDatabase(
                mariaDbUrl(Databases.MARIADB_PORT, "nosuchdb"), "root", 2));

        HealthResult result = DataSourceHealthCheck.of(pool).check(CheckContext.of("test", DEADLINE));

        assertThat(result.details()).as("%s", result).containsEntry("failure", "unknown_database");
        assertThat(result.message()).startsWith("unknown database: no connection within ")
                .endsWith("Unknown database 'nosuchdb'")
                .doesNotContain("Connection is not available");
    }

    @Test
    void masksThePoolsPasswordWhereTheDriverEchoesIt() throws Exception {
        // Found by a user test: given user-info in the URL, MariaDB's driver answers "Incorrect port
        // value : <password>@127.0.0.1", which no pattern of the Redactor can tell from an address.
        Databases.assumeMariaDb();
        String secret = "Sup3rSecretPW";
        HikariDataSource pool = own(Databases.hikariStartingWithoutDatabase(
                "jdbc:mariadb://root:" + secret + "@" + Databases.HOST + ":" + Databases.MARIADB_PORT + "/test", "root", 1));

        HealthResult result = DataSourceHealthCheck.of(pool).check(CheckContext.of("test", DEADLINE));

        assertThat(result.status()).isEqualTo(io.healthmonitor.HealthStatus.UNHEALTHY);
        assertThat(result.message()).as("%s", result).contains("***").doesNotContain(secret);
        assertThat(result.toString()).doesNotContain(secret);
        assertThat(result.error()).as("an error whose text holds the password is not kept").isNull();
    }

    @Test
    void makesHikariLogNoStackTraceAndEvictsTheConnectionWhenPostgresResetIt() throws Exception {
        Databases.assumePostgres();
        proxy = FaultProxy.start(new InetSocketAddress(Databases.HOST, Databases.POSTGRES_PORT));
        assertResetConnectionLeavesNoNoiseAndIsEvicted(own(Databases.hikari(
                Databases.postgresUrl(proxy.port(), "test"), "postgres", 1)));
    }

    @Test
    void makesHikariLogNoStackTraceAndEvictsTheConnectionWhenMariaDbResetIt() throws Exception {
        Databases.assumeMariaDb();
        proxy = FaultProxy.start(new InetSocketAddress(Databases.HOST, Databases.MARIADB_PORT));
        assertResetConnectionLeavesNoNoiseAndIsEvicted(own(Databases.hikari(mariaDbUrl(proxy.port(), "test"), "root", 1)));
    }

    /** A pool of one connection behind the proxy: its connection reset just after the check used it. */
    private void assertResetConnectionLeavesNoNoiseAndIsEvicted(HikariDataSource pool) {
        DataSourceHealthCheck check = DataSourceHealthCheck.of(pool);
        assertThat(check.check(CheckContext.of("test", DEADLINE)).status()).isEqualTo(HealthStatus.HEALTHY);
        // The check just returned its connection, so HikariCP lends it again without a test of its own.
        proxy.reset();

        HealthResult result;
        String log;
        try (CapturedLog captured = CapturedLog.start()) {
            result = check.check(CheckContext.of("test", DEADLINE));
            log = captured.text();
        }

        assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.UNHEALTHY);
        assertQuiet(log);
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).as("the broken connection evicted").isZero();
    }

    @Test
    void makesHikariLogNoStackTraceWhenTheValidationQueryMeetsABlackhole() throws Exception {
        Databases.assumePostgres();
        proxy = FaultProxy.start(new InetSocketAddress(Databases.HOST, Databases.POSTGRES_PORT));
        HikariDataSource pool = own(Databases.hikari(Databases.postgresUrl(proxy.port(), "test"), "postgres", 1));
        DataSourceHealthCheck check = DataSourceHealthCheck.builder(pool).validationQuery("SELECT 1").build();
        assertThat(check.check(CheckContext.of("test", DEADLINE)).status()).isEqualTo(HealthStatus.HEALTHY);
        proxy.blackhole();

        HealthResult result;
        String log;
        try (CapturedLog captured = CapturedLog.start()) {
            result = check.check(CheckContext.of("test", Duration.ofMillis(800)));
            log = captured.text();
        }

        assertQuiet(log);
        assertThat(result.details()).as("%s", result).containsEntry("failure", "timeout");
        assertThat(result.message()).startsWith("timeout: no answer to the validation query within ");
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).as("the broken connection evicted").isZero();
    }

    /** Nothing the check made HikariCP (or anything else) log with a stack trace, and nothing of the check's own. */
    private static void assertQuiet(String log) {
        assertThat(log).as("log during the check").doesNotContain("marked as broken")
                .doesNotContain("io.healthmonitor")
                .doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(");
    }

    /**
     * Checks a pool of two that started while {@code fault} struck its database (through the
     * proxy), so it has never opened a connection.
     */
    private HealthResult checkAPoolStartedDuring(Consumer<FaultProxy> fault, int databasePort, IntFunction<String> url,
            String user) {
        proxy = FaultProxy.start(new InetSocketAddress(Databases.HOST, databasePort));
        fault.accept(proxy);
        HikariDataSource pool = own(Databases.hikariStartingWithoutDatabase(url.apply(proxy.port()), user, 2));
        return DataSourceHealthCheck.of(pool).check(CheckContext.of("test", DEADLINE));
    }

    private HikariDataSource own(HikariDataSource pool) {
        resources.add(pool);
        return pool;
    }

    private void holdEveryConnection(HikariDataSource pool, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            Connection held = pool.getConnection();
            resources.add(held);
        }
    }

    private static String mariaDbUrl(int port, String database) {
        return "jdbc:mariadb://" + Databases.HOST + ":" + port + "/" + database;
    }
}
