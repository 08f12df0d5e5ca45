package io.healthmonitor.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.healthmonitor.CheckContext;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testing.HealthCheckContract;
import io.healthmonitor.testsupport.ServerProcess;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import static org.assertj.core.api.Assertions.assertThat;

/** The check against the local PostgreSQL (127.0.0.1:5432, trust auth), directly and through a fault proxy. */
class PostgresHealthCheckTest implements HealthCheckContract {

    private FaultProxy proxy;
    private HikariDataSource pool;

    @BeforeEach
    void requirePostgres() {
        Databases.assumePostgres();
        proxy = FaultProxy.start(new InetSocketAddress(Databases.HOST, Databases.POSTGRES_PORT));
    }

    @AfterEach
    void cleanUp() {
        if (proxy != null) {
            proxy.heal();
        }
        if (pool != null) {
            pool.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Override
    public HealthCheck checkOfLiveDependency() {
        return DataSourceHealthCheck.of(Databases.postgres(Databases.POSTGRES_PORT, "test", "postgres"));
    }

    @Override
    public HealthCheck checkOfUnreachableDependency() {
        return DataSourceHealthCheck.of(Databases.postgres(ServerProcess.freePort(), "test", "postgres"));
    }

    @Override
    public HealthCheck checkOfBlackholedDependency() {
        proxy.blackhole();
        return DataSourceHealthCheck.of(Databases.postgres(proxy.port(), "test", "postgres"));
    }

    @Test
    void reportsHealthyWithServerDetails() {
        HealthResult result = DataSourceHealthCheck.of(Databases.postgres(Databases.POSTGRES_PORT, "postgres", "postgres"))
                .check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsEntry("database", "PostgreSQL").containsEntry("validation", "isValid")
                .containsEntry("url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        assertThat((String) result.details().get("databaseVersion")).matches("\\d+\\.\\d+.*");
    }

    @Test
    void reportsConnectionRefusedWhenNothingListens() {
        int closedPort = ServerProcess.freePort();

        HealthResult result = DataSourceHealthCheck.of(Databases.postgres(closedPort, "test", "postgres")).check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).containsEntry("failure", "connection_refused");
        assertThat(result.message()).startsWith("connection refused: ").contains(String.valueOf(closedPort));
    }

    @Test
    void reportsAuthenticationFailureForAnUnknownRole() {
        HealthResult result = DataSourceHealthCheck.of(Databases.postgres(Databases.POSTGRES_PORT, "test", "no_such_role"))
                .check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).containsEntry("failure", "authentication_failed");
        assertThat(result.message()).startsWith("authentication failed: ").contains("no_such_role");
    }

    @Test
    void reportsUnknownDatabase() {
        HealthResult result = DataSourceHealthCheck.of(Databases.postgres(Databases.POSTGRES_PORT, "no_such_db", "postgres"))
                .check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).containsEntry("failure", "unknown_database");
        assertThat(result.message()).startsWith("unknown database: ").contains("no_such_db");
    }

    @Test
    void reportsTlsFailureWhenTlsIsRequiredAndTheServerHasNone() {
        PGSimpleDataSource dataSource = Databases.postgres(Databases.POSTGRES_PORT, "test", "postgres");
        dataSource.setSslMode("require");

        HealthResult result = DataSourceHealthCheck.of(dataSource).check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).containsEntry("failure", "tls_failure");
        assertThat(result.message()).startsWith("TLS failure: ");
    }

    @Test
    void showsTheDefaultPortInTheUrlDetailWhenTheDriverLeavesItOut() {
        // Given a server name without a port number, pgjdbc's getURL() has none: "jdbc:postgresql://127.0.0.1/test".
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {Databases.HOST});
        dataSource.setDatabaseName("test");
        dataSource.setUser("postgres");

        HealthResult result = DataSourceHealthCheck.of(dataSource).check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.details()).as("%s", result).containsEntry("url", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    @Test
    void reportsAPortWhereSomethingElseListensAsNotPostgresNotAsATlsFailure() throws Exception {
        // pgjdbc first asks whether the server takes TLS; junk in answer was reported
        // "TLS failure: An error occurred while setting up the SSL connection."
        try (JunkServer junk = JunkServer.start()) {
            HealthResult result = DataSourceHealthCheck.of(Databases.postgres(junk.port(), "test", "postgres"))
                    .check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.details()).as("%s", result).containsEntry("failure", "protocol_error");
            assertThat(result.message()).isEqualTo("protocol error: the server at 127.0.0.1:" + junk.port()
                    + " did not answer as PostgreSQL (driver: An error occurred while setting up the SSL connection.)");
        }
    }

    @Test
    void reportsAPoolWhoseDatabasePortIsSomethingElseAsNotPostgres() throws Exception {
        try (JunkServer junk = JunkServer.start()) {
            pool = Databases.hikariStartingWithoutDatabase(Databases.postgresUrl(junk.port(), "test"), "postgres", 2);

            HealthResult result = DataSourceHealthCheck.of(pool).check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.details()).as("%s", result).containsEntry("failure", "protocol_error");
            assertThat(result.message()).startsWith("protocol error: no connection within ")
                    .endsWith("its last connection error: the server at 127.0.0.1:" + junk.port()
                            + " did not answer as PostgreSQL (driver: An error occurred while setting up the SSL connection.)");
        }
    }

    @Test
    void neverShowsThePasswordOfTheUrl() {
        PGSimpleDataSource dataSource = Databases.postgres(Databases.POSTGRES_PORT, "test", "postgres");
        dataSource.setURL(Databases.postgresUrl(Databases.POSTGRES_PORT, "test") + "?password=topsecret");

        HealthResult result = DataSourceHealthCheck.of(dataSource).check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.toString()).doesNotContain("topsecret");
    }

    @Test
    void readsPostgresStatisticsWhenAskedTo() {
        HealthResult result = DataSourceHealthCheck.builder(Databases.postgres(Databases.POSTGRES_PORT, "test", "postgres"))
                .postgresInsight(true).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.HEALTHY);
        assertThat(postgresDetails(result))
                .containsEntry("inRecovery", false)
                .containsKeys("serverVersion", "connections", "maxConnections", "connectionUsagePercent",
                        "longRunningQueries", "longRunningQueryThresholdSeconds");
        assertThat((Integer) postgresDetails(result).get("connections")).isPositive();
    }

    @Test
    void reportsDegradedWhenServerConnectionsExceedTheThreshold() {
        HealthResult result = DataSourceHealthCheck.builder(Databases.postgres(Databases.POSTGRES_PORT, "test", "postgres"))
                .postgresInsight(true).postgresConnectionThreshold(0.001).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).startsWith("PostgreSQL has ").contains("connections in use");
    }

    @Test
    void countsLongRunningQueries() throws Exception {
        PGSimpleDataSource dataSource = Databases.postgres(Databases.POSTGRES_PORT, "test", "postgres");
        DataSourceHealthCheck check = DataSourceHealthCheck.builder(dataSource).postgresInsight(true)
                .longQueryThreshold(Duration.ofMillis(200)).build();
        try (Connection sleeper = dataSource.getConnection(); Statement sleep = sleeper.createStatement()) {
            CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> execute(sleep, "SELECT pg_sleep(30)"));
            try {
                // The query becomes long-running once it is older than the threshold: a truly asynchronous wait.
                long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                int longRunning = 0;
                while (longRunning == 0 && System.nanoTime() < giveUpAt) {
                    longRunning = (Integer) postgresDetails(check.check(CheckContext.of("test", Duration.ofSeconds(5)))).get("longRunningQueries");
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                assertThat(longRunning).isGreaterThanOrEqualTo(1);
            } finally {
                sleep.cancel();
                running.handle((ok, error) -> null).get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void reportsUnhealthyBeforeItsDeadlineWhenDatabaseIsBlackholedAndRecoversWhenHealed() throws Exception {
        DataSourceHealthCheck check = DataSourceHealthCheck.of(Databases.postgres(proxy.port(), "test", "postgres"));
        assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);
        proxy.blackhole();

        long start = System.nanoTime();
        HealthResult result = check.check(CheckContext.of("test", Duration.ofMillis(800)));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).containsEntry("failure", "timeout");
        assertThat(result.message()).matches("timeout: no connection within \\d+ ms: DataSource.getConnection\\(\\) is still"
                + " blocked in the driver");
        ReportedWait.assertMostOf(Duration.ofMillis(800), result.message());
        assertThat(elapsedMillis).as("returned before its deadline, not at the driver's timeout").isLessThan(800);
        HealthResult again = check.check(CheckContext.of("test", Duration.ofMillis(800)));
        assertThat(again.message()).as("no second stuck attempt").contains("of an earlier invocation, started")
                .endsWith("is still blocked in the driver; not starting another");
        ReportedWait.assertMostOf(Duration.ofMillis(800), again.message());

        proxy.heal();
        assertThat(Databases.awaitStatus(() -> check.check(CheckContext.of("test", Duration.ofSeconds(5))).status(), HealthStatus.HEALTHY, Duration.ofSeconds(10)))
                .isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void boundsIsValidBelowASecondWhenTheDatabaseStopsAnsweringAConnectionItHas() throws Exception {
        Databases.assertIsValidGivesUpBelowASecond(Databases.postgres(proxy.port(), "test", "postgres").getConnection(), proxy);
    }

    @Test
    void boundsTheValidationQueryBelowASecondWhenTheDatabaseStopsAnsweringAConnectionItHas() throws Exception {
        DataSourceHealthCheck check = DataSourceHealthCheck.builder(Databases.lending(
                Databases.postgres(proxy.port(), "test", "postgres").getConnection())).validationQuery("SELECT 1").build();
        proxy.blackhole();

        long start = System.nanoTime();
        HealthResult result = check.check(CheckContext.of("test", Duration.ofMillis(600)));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result.details()).as("%s", result).containsEntry("failure", "timeout");
        assertThat(result.message()).startsWith("timeout: no answer to the validation query within ");
        assertThat(ReportedWait.millis(result.message())).isLessThanOrEqualTo(elapsedMillis);
        assertThat(elapsedMillis).as("returned before its 600 ms deadline").isLessThan(600);
    }

    @Test
    void reportsDegradedWhenLatencyExceedsTheSlowThreshold() {
        pool = Databases.hikari(Databases.postgresUrl(proxy.port(), "test"), "postgres", 1);
        DataSourceHealthCheck check = DataSourceHealthCheck.of(pool);
        proxy.latency(Duration.ofMillis(200));

        CheckResult result = Databases.run(check, Duration.ofSeconds(5), Duration.ofMillis(300));

        assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.DEGRADED);
        proxy.heal();
        assertThat(Databases.run(check, Duration.ofSeconds(5), Duration.ofMillis(300)).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void reportsUnhealthyWhenConnectionsAreResetAndRecoversWhenHealed() {
        pool = Databases.hikari(Databases.postgresUrl(proxy.port(), "test"), "postgres", 1);
        DataSourceHealthCheck check = DataSourceHealthCheck.of(pool);
        proxy.reset();

        HealthResult result = check.check(CheckContext.of("test", Duration.ofMillis(1500)));

        assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.UNHEALTHY);
        proxy.heal();
        HealthResult healed = check.check(CheckContext.of("test", Duration.ofSeconds(5)));
        assertThat(healed.status()).as("%s", healed).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void reportsPoolExhaustedBeforeItsDeadlineWhenEveryPoolConnectionIsHeldAndRecoversOnRelease() throws Exception {
        pool = Databases.hikari(Databases.postgresUrl(Databases.POSTGRES_PORT, "test"), "postgres", 2);
        DataSourceHealthCheck check = DataSourceHealthCheck.of(pool);
        Connection first = pool.getConnection();
        Connection second = pool.getConnection();
        try {
            CheckResult result = Databases.run(check, Duration.ofSeconds(2), Duration.ofSeconds(2));

            assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.message()).containsPattern("^pool exhausted: all 2 connections in use, none returned within"
                    + " \\d+ ms \\(2/2 connections active");
            ReportedWait.assertMostOf(Duration.ofSeconds(2), result.message());
            assertThat(result.details()).containsEntry("failure", "pool_exhausted");
            assertThat(result.duration()).as("the pool's 30 s connectionTimeout was not waited for")
                    .isLessThan(Duration.ofSeconds(2));
        } finally {
            Databases.closeQuietly(first);
            Databases.closeQuietly(second);
        }
        assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void reportsSaturationWhenThreadsQueueForAFullPool() throws Exception {
        pool = Databases.hikari(Databases.postgresUrl(Databases.POSTGRES_PORT, "test"), "postgres", 1);
        DataSourceHealthCheck check = DataSourceHealthCheck.of(pool);
        Connection held = pool.getConnection();
        CompletableFuture<Connection> waiter = CompletableFuture.supplyAsync(() -> borrow(pool));
        try {
            long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (pool.getHikariPoolMXBean().getThreadsAwaitingConnection() == 0 && System.nanoTime() < giveUpAt) {
                TimeUnit.MILLISECONDS.sleep(10);
            }

            HealthResult result = check.check(CheckContext.of("test", Duration.ofMillis(300)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.details()).containsEntry("failure", "pool_exhausted");
            assertThat(result.message()).contains("1/1 connections active").containsPattern("[1-9] threads? waiting");
        } finally {
            Databases.closeQuietly(held);
            Databases.closeQuietly(waiter.get(10, TimeUnit.SECONDS));
        }
        assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> postgresDetails(HealthResult result) {
        assertThat(result.details()).as("%s", result).containsKey("postgres");
        return (Map<String, Object>) result.details().get("postgres");
    }

    private static boolean execute(Statement statement, String sql) {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next();
        } catch (SQLException e) {
            return false;
        }
    }

    private static Connection borrow(HikariDataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
