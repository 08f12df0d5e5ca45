package io.healthmonitor.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.healthmonitor.CheckContext;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.testing.FaultProxy;
import io.healthmonitor.testsupport.RequiredServices;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import static org.assertj.core.api.Assertions.assertThat;

/** The local servers the integration tests use, and small helpers around them. */
final class Databases {

    static final String HOST = "127.0.0.1";
    static final int POSTGRES_PORT = 5432;
    static final int MARIADB_PORT = 3306;

    private Databases() {
    }

    static void assumePostgres() {
        RequiredServices.assumeListening("PostgreSQL", HOST, POSTGRES_PORT);
    }

    static void assumeMariaDb() {
        RequiredServices.assumeListening("MariaDB", HOST, MARIADB_PORT);
    }

    static String postgresUrl(int port, String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    static PGSimpleDataSource postgres(int port, String database, String user) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgresUrl(port, database));
        dataSource.setUser(user);
        dataSource.setConnectTimeout(2);
        return dataSource;
    }

    static MariaDbDataSource mariaDb(int port, String options) throws SQLException {
        return new MariaDbDataSource("jdbc:mariadb://" + HOST + ":" + port + "/test?user=root&connectTimeout=2000" + options);
    }

    static HikariDataSource hikari(String url, String user, int maxPoolSize) {
        return hikari(url, user, maxPoolSize, config -> { });
    }

    /** A started pool with HikariCP's defaults (validationTimeout 5 s, connectionTimeout 30 s) unless {@code tuning} changes them. */
    static HikariDataSource hikari(String url, String user, int maxPoolSize, Consumer<HikariConfig> tuning) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(maxPoolSize);
        config.setPoolName("test-" + maxPoolSize + "-" + System.nanoTime());
        tuning.accept(config);
        return new HikariDataSource(config);
    }

    /**
     * A pool that starts even when it cannot open a connection (as applications configure it to
     * start while the database is down): it keeps trying in the background.
     */
    static HikariDataSource hikariStartingWithoutDatabase(String url, String user, int maxPoolSize) {
        return hikari(url, user, maxPoolSize, config -> config.setInitializationFailTimeout(-1));
    }

    /**
     * A DataSource that lends one connection opened beforehand, as a pool lends one it holds: for
     * faults that must strike after the connection was had.
     */
    static DataSource lending(Connection connection) {
        return new DataSource() {
            @Override
            public Connection getConnection() {
                return connection;
            }

            @Override
            public Connection getConnection(String username, String password) {
                return connection;
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void setLoginTimeout(int seconds) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    /**
     * Blackholes a connection the check is lent (opened through {@code proxy} beforehand) and
     * asserts that {@code isValid(1)}, on a 600 ms deadline, gives up within it on its own: the
     * network timeout bounds what the whole second of {@code isValid} would not.
     */
    static void assertIsValidGivesUpBelowASecond(Connection throughProxy, FaultProxy proxy) {
        DataSourceHealthCheck check = DataSourceHealthCheck.of(lending(throughProxy));
        proxy.blackhole();

        long start = System.nanoTime();
        HealthResult result = check.check(CheckContext.of("test", Duration.ofMillis(600)));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result.details()).as("%s", result).containsEntry("failure", "timeout");
        assertThat(result.message()).as("isValid(1), never isValid(0), and bounded by the network timeout")
                .matches("timeout: no answer to Connection.isValid\\(1\\) within \\d+ ms");
        assertThat(ReportedWait.millis(result.message())).isLessThanOrEqualTo(elapsedMillis);
        assertThat(elapsedMillis).as("returned before its 600 ms deadline").isLessThan(600);
    }

    /**
     * Runs the check once in a monitor, registered with the given deadline (for its first
     * invocation too) and slow threshold.
     */
    static CheckResult run(HealthCheck check, Duration deadline, Duration slowThreshold) {
        try (HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("database", check).timeout(deadline).startupTimeout(deadline)
                        .slowThreshold(slowThreshold).build())
                .build()) {
            return monitor.report().checks().get(0);
        }
    }

    /** Polls the check until it reports {@code wanted}, for waits that are truly asynchronous; bounded. */
    static HealthStatus awaitStatus(Supplier<HealthStatus> probe, HealthStatus wanted, Duration bound)
            throws InterruptedException {
        long giveUpAt = System.nanoTime() + bound.toNanos();
        HealthStatus status = probe.get();
        while (status != wanted && System.nanoTime() < giveUpAt) {
            TimeUnit.MILLISECONDS.sleep(50);
            status = probe.get();
        }
        return status;
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // test cleanup
        }
    }
}
