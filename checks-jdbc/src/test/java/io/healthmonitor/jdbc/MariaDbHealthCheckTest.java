package io.healthmonitor.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testing.HealthCheckContract;
import io.healthmonitor.testsupport.ServerProcess;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** The check against the local MariaDB (127.0.0.1:3306, root without password), directly and through a fault proxy. */
class MariaDbHealthCheckTest implements HealthCheckContract {

    private FaultProxy proxy;
    private HikariDataSource pool;

    @BeforeEach
    void requireMariaDb() {
        Databases.assumeMariaDb();
        proxy = FaultProxy.start(new InetSocketAddress(Databases.HOST, Databases.MARIADB_PORT));
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
    public HealthCheck checkOfLiveDependency() throws Exception {
        return DataSourceHealthCheck.of(Databases.mariaDb(Databases.MARIADB_PORT, ""));
    }

    @Override
    public HealthCheck checkOfUnreachableDependency() throws Exception {
        return DataSourceHealthCheck.of(Databases.mariaDb(ServerProcess.freePort(), ""));
    }

    /** A HikariCP pool with its default settings (validationTimeout 5 s), started before the blackhole. */
    @Override
    public HealthCheck checkOfBlackholedDependency() {
        pool = Databases.hikari(mariaDbUrl(proxy.port()), "root", 2);
        proxy.blackhole();
        return DataSourceHealthCheck.of(pool);
    }

    @Test
    void reportsHealthyWithServerDetailsUsingAValidationQuery() throws Exception {
        HealthResult result = DataSourceHealthCheck.builder(Databases.mariaDb(Databases.MARIADB_PORT, ""))
                .validationQuery("SELECT 1").postgresInsight(true).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsEntry("validation", "query")
                .containsEntry("url", "jdbc:mariadb://127.0.0.1:3306/test")
                .doesNotContainKey("postgres");
        assertThat((String) result.details().get("database")).isIn("MariaDB", "MySQL");
        assertThat((String) result.details().get("databaseVersion")).contains("MariaDB");
    }

    @Test
    void showsTheHostAndPortInTheUrlDetailWithoutParametersOrCredentials() throws Exception {
        // MariaDB's driver leaves the default port out of DatabaseMetaData.getURL(); another port it keeps.
        HealthResult direct = DataSourceHealthCheck.of(Databases.mariaDb(Databases.MARIADB_PORT, "&password="))
                .check(CheckContext.of("test", Duration.ofSeconds(5)));
        HealthResult proxied = DataSourceHealthCheck.of(Databases.mariaDb(proxy.port(), ""))
                .check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(direct.details()).as("%s", direct).containsEntry("url", "jdbc:mariadb://127.0.0.1:3306/test");
        assertThat(proxied.details()).as("%s", proxied).containsEntry("url", "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/test");
    }

    @Test
    void reportsConnectionRefusedWhenNothingListens() throws Exception {
        HealthResult result = DataSourceHealthCheck.of(Databases.mariaDb(ServerProcess.freePort(), "")).check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).containsEntry("failure", "connection_refused");
        assertThat(result.message()).startsWith("connection refused: ");
    }

    @Test
    void reportsAuthenticationFailureWithoutShowingThePassword() throws Exception {
        HealthResult result = DataSourceHealthCheck.of(Databases.mariaDb(Databases.MARIADB_PORT, "&password=hunter2"))
                .check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).containsEntry("failure", "authentication_failed");
        assertThat(result.message()).startsWith("authentication failed: ").contains("Access denied");
        assertThat(result.toString()).doesNotContain("hunter2");
    }

    @Test
    void reportsUnknownDatabase() throws Exception {
        HealthResult result = DataSourceHealthCheck.of(new org.mariadb.jdbc.MariaDbDataSource(
                "jdbc:mariadb://127.0.0.1:" + Databases.MARIADB_PORT + "/no_such_db?user=root")).check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).containsEntry("failure", "unknown_database");
        assertThat(result.message()).startsWith("unknown database: ").contains("no_such_db");
    }

    @Test
    void reportsTlsFailureWhenTlsIsRequiredAndTheServerHasNone() throws Exception {
        HealthResult result = DataSourceHealthCheck.of(Databases.mariaDb(Databases.MARIADB_PORT, "&sslMode=trust")).check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).containsEntry("failure", "tls_failure");
        assertThat(result.message()).startsWith("TLS failure: ");
    }

    @Test
    void returnsBeforeItsDeadlineWhenAHikariPoolIsBlackholedDespiteTheLongerPoolValidationTimeout() throws Exception {
        pool = Databases.hikari(mariaDbUrl(proxy.port()), "root", 1);
        DataSourceHealthCheck check = DataSourceHealthCheck.of(pool);
        assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);
        proxy.blackhole();
        // Setup, not an assertion: age the idle connection past Hikari's 500 ms window, so Hikari
        // tests it (with its 5 s validationTimeout) before lending it.
        TimeUnit.MILLISECONDS.sleep(600);

        long start = System.nanoTime();
        HealthResult result = check.check(CheckContext.of("test", Duration.ofMillis(800)));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).as("a dead database, not an exhausted pool").containsEntry("failure", "timeout");
        assertThat(result.message()).startsWith("timeout: no connection within ")
                .contains("HikariCP's borrow is still testing an idle connection");
        assertThat(elapsedMillis).as("the pool's 5 s validationTimeout and 30 s connectionTimeout were not waited for")
                .isLessThan(800);

        proxy.heal();
        assertThat(Databases.awaitStatus(() -> check.check(CheckContext.of("test", Duration.ofSeconds(5))).status(), HealthStatus.HEALTHY, Duration.ofSeconds(15)))
                .isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void boundsIsValidBelowASecondWhenTheDatabaseStopsAnsweringAConnectionItHas() throws Exception {
        Databases.assertIsValidGivesUpBelowASecond(Databases.mariaDb(proxy.port(), "").getConnection(), proxy);
    }

    @Test
    void readsPoolStateFromJmxProxiesOfTheMxBeans() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(mariaDbUrl(Databases.MARIADB_PORT));
        config.setUsername("root");
        config.setMaximumPoolSize(2);
        config.setRegisterMbeans(true);
        config.setPoolName("jmx-" + System.nanoTime());
        pool = new HikariDataSource(config);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        HikariPoolMXBean poolBean = JMX.newMXBeanProxy(server,
                new ObjectName("com.zaxxer.hikari:type=Pool (" + config.getPoolName() + ")"), HikariPoolMXBean.class);
        HikariConfigMXBean configBean = JMX.newMXBeanProxy(server,
                new ObjectName("com.zaxxer.hikari:type=PoolConfig (" + config.getPoolName() + ")"), HikariConfigMXBean.class);
        DataSourceHealthCheck check = DataSourceHealthCheck.builder(pool).pool(HikariMXBeans.of(poolBean, configBean)).build();

        try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
            assertThat(first.isValid(1) && second.isValid(1)).isTrue();
            HealthResult result = check.check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.details()).containsEntry("failure", "pool_exhausted");
            assertThat(result.message()).contains("2/2 connections active");
        }
        assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    private static String mariaDbUrl(int port) {
        return "jdbc:mariadb://" + Databases.HOST + ":" + port + "/test";
    }
}
