package io.healthmonitor.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.micrometer.HealthMetrics;
import io.healthmonitor.testing.HealthAssertions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check against H2 in memory: the embedded default, no server needed. */
class EmbeddedDatabaseTest {

    private static JdbcDataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        dataSource.setPassword("s3cret");
        return dataSource;
    }

    @Test
    void reportsHealthyWithDatabaseDetailsWhenConnectionIsValid() {
        HealthResult result = DataSourceHealthCheck.of(h2("valid")).check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).as("%s", result).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details())
                .containsEntry("validation", "isValid")
                .containsEntry("database", "H2")
                .containsKeys("databaseVersion", "url", "acquireMillis", "responseTimeMillis")
                .doesNotContainKeys("pool", "failure");
        assertThat(result.details()).containsEntry("url", "jdbc:h2:mem:valid");
    }

    @Test
    void validatesWithTheConfiguredQuery() {
        HealthResult result = DataSourceHealthCheck.builder(h2("query")).validationQuery("SELECT 1").build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        HealthAssertions.assertThat(result).isHealthy().hasDetail("validation", "query").hasNoError();
    }

    @Test
    void reportsUnhealthyWhenTheValidationQueryFails() {
        HealthResult result = DataSourceHealthCheck.builder(h2("badquery"))
                .validationQuery("SELECT * FROM no_such_table").build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        HealthAssertions.assertThat(result).isUnhealthy().hasDetail("failure", "query_failed")
                .hasMessageContaining("NO_SUCH_TABLE");
        assertThat(result.message()).startsWith("query failed: ");
        assertThat(result.error()).isNotNull();
    }

    @Test
    void reportsUnknownDatabaseWhenItDoesNotExist() {
        JdbcDataSource missing = new JdbcDataSource();
        missing.setURL("jdbc:h2:mem:never_created;IFEXISTS=TRUE");

        HealthResult result = DataSourceHealthCheck.of(missing).check(CheckContext.of("test", Duration.ofSeconds(5)));

        HealthAssertions.assertThat(result).isUnhealthy().hasDetail("failure", "unknown_database")
                .hasMessageContaining("unknown database: ");
    }

    @Test
    void reportsAuthenticationFailureWithoutShowingThePassword() throws Exception {
        JdbcDataSource owner = h2("auth");
        try (Connection keepAlive = owner.getConnection()) {
            assertThat(keepAlive.isValid(1)).as("the in-memory database exists").isTrue();
            JdbcDataSource wrongPassword = h2("auth");
            wrongPassword.setPassword("hunter2");

            HealthResult result = DataSourceHealthCheck.of(wrongPassword).check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(result.details()).containsEntry("failure", "authentication_failed");
            assertThat(result.message()).startsWith("authentication failed: ");
            assertThat(result.toString()).doesNotContain("hunter2").doesNotContain("s3cret");
        }
    }

    @Test
    void redactsCredentialsInDriverMessages() {
        HealthResult result = DataSourceHealthCheck.builder(h2("redacted"))
                .validationQuery("SELECT 'password=topsecret' FROM no_such_table").build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("password=***").doesNotContain("topsecret");
    }

    @Test
    void neverClosesOrReconfiguresTheDataSource() throws Exception {
        try (HikariDataSource pool = Databases.hikari("jdbc:h2:mem:untouched;DB_CLOSE_DELAY=-1", "sa", 2)) {
            long connectionTimeout = pool.getConnectionTimeout();
            DataSourceHealthCheck check = DataSourceHealthCheck.of(pool);

            check.check(CheckContext.of("test", Duration.ofSeconds(5)));
            check.check(CheckContext.of("test", Duration.ofSeconds(5)));

            assertThat(pool.isClosed()).isFalse();
            assertThat(pool.getConnectionTimeout()).isEqualTo(connectionTimeout);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections returned").isZero();
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                assertThat(statement.execute("SELECT 1")).isTrue();
                assertThat(connection.getNetworkTimeout()).isZero();
            }
        }
    }

    @Test
    void reportsPoolDetailsAndDegradesAboveTheUtilizationThreshold() throws Exception {
        try (HikariDataSource pool = Databases.hikari("jdbc:h2:mem:busy;DB_CLOSE_DELAY=-1", "sa", 2)) {
            DataSourceHealthCheck check = DataSourceHealthCheck.builder(pool).poolUtilizationThreshold(0.5).build();
            assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);

            try (Connection held = pool.getConnection()) {
                assertThat(held.isValid(1)).isTrue();
                HealthResult busy = check.check(CheckContext.of("test", Duration.ofSeconds(5)));

                assertThat(busy.status()).as("%s", busy).isEqualTo(HealthStatus.DEGRADED);
                assertThat(busy.message()).startsWith("connection pool at 50 % of its maximum (>= 50 %)");
                @SuppressWarnings("unchecked")
                Map<String, Object> poolDetails = (Map<String, Object>) busy.details().get("pool");
                assertThat(poolDetails).containsEntry("active", 1).containsEntry("max", 2)
                        .containsEntry("pending", 0).containsEntry("utilizationPercent", 50.0)
                        .containsKeys("idle", "total");
            }
            assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void reportsPoolUnavailableWhenTheApplicationClosedIt() {
        HikariDataSource pool = Databases.hikari("jdbc:h2:mem:closed;DB_CLOSE_DELAY=-1", "sa", 1);
        DataSourceHealthCheck check = DataSourceHealthCheck.of(pool);
        pool.close();

        HealthResult result = check.check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).containsEntry("failure", "pool_unavailable");
        assertThat(result.message()).contains("is closed");
    }

    @Test
    void publishesPoolGaugesByStateAndCountsConnectionErrors() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (HikariDataSource pool = Databases.hikari("jdbc:h2:mem:metered;DB_CLOSE_DELAY=-1", "sa", 3)) {
            DataSourceHealthCheck check = DataSourceHealthCheck.builder(pool).metrics(HealthMetrics.of(registry, "credlink_"))
                    .validationQuery("SELECT 1 FROM no_such_table").build();
            try (Connection held = pool.getConnection()) {
                Connection other = pool.getConnection();
                assertThat(gauge(registry, "active")).isEqualTo(2);
                other.close();
                assertThat(held.isClosed()).isFalse();
                assertThat(gauge(registry, "active")).isEqualTo(1);
                assertThat(gauge(registry, "in_use")).isEqualTo(1);
                assertThat(gauge(registry, "idle")).isGreaterThanOrEqualTo(1)
                        .isEqualTo(pool.getHikariPoolMXBean().getIdleConnections());
                assertThat(gauge(registry, "pending")).isZero();
                assertThat(gauge(registry, "max")).isEqualTo(3);
            }
            assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(check.check(CheckContext.of("test", Duration.ofSeconds(5))).status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(registry.get("credlink.database.connection.errors").tag("pool", pool.getPoolName()).counter().count())
                    .isEqualTo(2);
        }
    }

    @Test
    void countsConnectionErrorsOfAPlainDataSourceUnderTheDefaultPoolTag() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        JdbcDataSource missing = new JdbcDataSource();
        missing.setURL("jdbc:h2:mem:missing_for_metrics;IFEXISTS=TRUE");

        DataSourceHealthCheck.builder(missing).metrics(HealthMetrics.of(registry, "")).build().check(CheckContext.of("test", Duration.ofSeconds(5)));

        assertThat(registry.get("database.connection.errors").tag("pool", "default").counter().count()).isEqualTo(1);
        assertThat(registry.find("database.connections").gauges()).isEmpty();
    }

    /** A reload: the application closes its pool and builds it and its check again, same pool name, same registry. */
    @Test
    void aCheckBuiltAgainForAPoolOfTheSameNamePublishesTheNewPool() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HealthMetrics metrics = HealthMetrics.of(registry, "credlink_");
        try (HikariDataSource first = Databases.hikari("jdbc:h2:mem:reloaded;DB_CLOSE_DELAY=-1", "sa", 3, c -> c.setPoolName("orders"))) {
            DataSourceHealthCheck.builder(first).metrics(metrics).build();
            assertThat(gauge(registry, "max")).isEqualTo(3);
        }
        try (HikariDataSource second = Databases.hikari("jdbc:h2:mem:reloaded;DB_CLOSE_DELAY=-1", "sa", 5, c -> c.setPoolName("orders"))) {
            DataSourceHealthCheck.builder(second).metrics(metrics).build();
            assertThat(gauge(registry, "max")).as("the new pool's, not the closed one's").isEqualTo(5);
            assertThat(registry.find("credlink.database.connections").tag("state", "max").gauges()).hasSize(1);
        }
    }

    @Test
    void rejectsInvalidOptions() {
        DataSourceHealthCheck.Builder builder = DataSourceHealthCheck.builder(h2("options"));
        assertThatThrownBy(() -> DataSourceHealthCheck.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("dataSource");
        assertThatThrownBy(() -> builder.validationQuery(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.poolUtilizationThreshold(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.poolUtilizationThreshold(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.postgresConnectionThreshold(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.longQueryThreshold(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("longQueryThreshold must be > 0");
        assertThatThrownBy(() -> HealthMetrics.of(new SimpleMeterRegistry(), "Bad-Prefix"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.executor(null)).isInstanceOf(NullPointerException.class).hasMessage("executor");
    }

    private static double gauge(SimpleMeterRegistry registry, String state) {
        return registry.get("credlink.database.connections").tag("state", state).gauge().value();
    }
}
