package io.healthmonitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.CheckContext;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthJson;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.testsupport.CapturedLog;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Credentials of DataSources that are not HikariCP pools never reach a result, the report or the
 * log, even where a driver echoes them in a form no pattern of the Redactor recognises.
 */
class PlainDataSourceSecretsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @Test
    void masksThePasswordOfAMariaDbDataSourceUrlWhereTheDriverEchoesIt() throws Exception {
        // MariaDB's driver reads "root:<password>@127.0.0.1:3306" as host "root" and port "<password>@127.0.0.1".
        Databases.assumeMariaDb();
        String secret = "Sup3rSecretPW";
        DataSource dataSource = new MariaDbDataSource(
                "jdbc:mariadb://root:" + secret + "@" + Databases.HOST + ":" + Databases.MARIADB_PORT + "/test");

        assertNeverShown(DataSourceHealthCheck.of(dataSource), secret);
    }

    @Test
    void masksAShortPasswordWhereItStandsAloneWithoutGarblingTheMessage() throws Exception {
        Databases.assumeMariaDb();
        DataSource dataSource = new MariaDbDataSource(
                "jdbc:mariadb://root:pw@" + Databases.HOST + ":" + Databases.MARIADB_PORT + "/test");

        HealthResult result = DataSourceHealthCheck.of(dataSource).check(CheckContext.of("test", DEADLINE));

        assertThat(result.message()).as("%s", result).isEqualTo("connection failed: Incorrect port value : ***@127.0.0.1");
        assertThat(result.details()).as("no query ran").containsEntry("failure", "connection_failed");
        assertThat(result.error()).as("an error whose text holds the password is not kept").isNull();
    }

    @Test
    void masksThePasswordOfAPostgresDataSourceUrlThatTheRedactorCannotTellFromAHost() throws Exception {
        // pgjdbc takes "postgres:<password>@127.0.0.1" for a host name; with a space in the password
        // no pattern can tell where the credential starts.
        Databases.assumePostgres();
        String secret = "correct horse";
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://postgres:" + secret + "@" + Databases.HOST + ":" + Databases.POSTGRES_PORT + "/test");
        dataSource.setConnectTimeout(2);

        assertNeverShown(DataSourceHealthCheck.of(dataSource), "horse");
    }

    @Test
    void masksTheSecretsGivenToTheBuilderForADataSourceThatDoesNotShowItsOwn() throws Exception {
        Databases.assumeMariaDb();
        String secret = "Sup3rSecretPW";
        DataSource hidden = wrapping(new MariaDbDataSource(
                "jdbc:mariadb://root:" + secret + "@" + Databases.HOST + ":" + Databases.MARIADB_PORT + "/test"));

        assertNeverShown(DataSourceHealthCheck.builder(hidden).secrets(secret).build(), secret);
    }

    @Test
    void masksTheCredentialsOfTheUrlsGivenToTheBuilderForADataSourceThatDoesNotShowItsOwn() throws Exception {
        Databases.assumeMariaDb();
        String secret = "Sup3r%53ecretPW";   // URL-encoded: the driver echoes it decoded, "Sup3rSecretPW"
        String url = "jdbc:mariadb://root:" + secret + "@" + Databases.HOST + ":" + Databases.MARIADB_PORT + "/test";
        DataSource hidden = wrapping(new MariaDbDataSource(url));

        assertNeverShown(DataSourceHealthCheck.builder(hidden).secretsIn(url).build(), "Sup3rSecretPW");
    }

    /** The check's own result, the monitor's report and JSON, and the log of its transition hold no {@code secret}. */
    private static void assertNeverShown(HealthCheck check, String secret) throws Exception {
        HealthResult result = check.check(CheckContext.of("test", DEADLINE));
        assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).as("%s", result).contains("***").doesNotContain(secret);
        assertThat(result.toString()).doesNotContain(secret);

        String logged;
        try (CapturedLog log = CapturedLog.start()) {
            // Listeners hear of a change one after the other, the logging one first: once the latch
            // opens, the change is logged.
            CountDownLatch told = new CountDownLatch(1);
            try (HealthMonitor monitor = HealthMonitor.builder()
                    .register(CheckRegistration.builder("database", check).timeout(DEADLINE).build())
                    .listener(change -> told.countDown())
                    .build()) {
                HealthReport report = monitor.report();
                assertThat(report.checks().get(0).status()).isEqualTo(HealthStatus.UNHEALTHY);
                assertThat(report.toString()).doesNotContain(secret);
                assertThat(new String(HealthJson.detailed(report), StandardCharsets.UTF_8)).doesNotContain(secret);
                assertThat(told.await(5, TimeUnit.SECONDS)).as("listeners told of the first result").isTrue();
            }
            logged = log.text();
        }
        assertThat(logged).as("the transition is logged").contains("'database'").doesNotContain(secret);
    }

    /** A DataSource that hides the one it delegates to, as wrappers of other libraries do. */
    private static DataSource wrapping(DataSource target) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return target.getConnection();
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return target.getConnection(username, password);
            }

            @Override
            public PrintWriter getLogWriter() throws SQLException {
                return target.getLogWriter();
            }

            @Override
            public void setLogWriter(PrintWriter out) throws SQLException {
                target.setLogWriter(out);
            }

            @Override
            public void setLoginTimeout(int seconds) throws SQLException {
                target.setLoginTimeout(seconds);
            }

            @Override
            public int getLoginTimeout() throws SQLException {
                return target.getLoginTimeout();
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
}
