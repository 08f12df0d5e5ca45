package io.healthmonitor.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.jdbc.DataSourceHealthCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The overhead of {@link DataSourceHealthCheck} over a bare {@code isValid} on the same HikariCP
 * pool of the local PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}).
 * Sample-time mode, so JMH reports the median (p0.50) beside the mean.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar Jdbc -f 1 -wi 2 -i 3 -w 2s -r 2s}</pre>
 *
 * <ul>
 *   <li>{@code bareIsValid}: borrow, {@code isValid(2)}, return: what a minimal check costs;</li>
 *   <li>{@code check}: the check with a 2 s deadline (the engine's default) on a pool whose
 *       {@code validationTimeout} (1 s) fits in it, so it borrows on the calling thread;</li>
 *   <li>{@code checkThroughHelperThread}: the same pool left at Hikari's 5 s {@code validationTimeout},
 *       longer than the check's deadline, so the borrow goes through the check's helper thread;</li>
 *   <li>{@code checkWithPostgresInsight}: {@code check} plus the PostgreSQL statistics query.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JdbcCheckBenchmark {

    /** The deadline each invocation gets, as from a registration with the engine's default timeout. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    private HikariDataSource pool;
    private HikariDataSource defaultPool;
    private DataSourceHealthCheck check;
    private DataSourceHealthCheck helperCheck;
    private DataSourceHealthCheck insightCheck;

    /** Starts the pools and builds the checks; fails when PostgreSQL does not answer. */
    @Setup(Level.Trial)
    public void setUp() {
        pool = pool("bench-fitting", 1000);
        defaultPool = pool("bench-default", 5000);
        check = DataSourceHealthCheck.of(pool);
        helperCheck = DataSourceHealthCheck.of(defaultPool);
        insightCheck = DataSourceHealthCheck.builder(pool).postgresInsight(true).build();
        for (DataSourceHealthCheck each : new DataSourceHealthCheck[] {check, helperCheck, insightCheck}) {
            HealthResult result = each.check(CheckContext.of("test", DEADLINE));
            if (result.status() != HealthStatus.HEALTHY) {
                throw new IllegalStateException("PostgreSQL is not usable for the benchmark: " + result);
            }
        }
    }

    /** Closes the pools. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        defaultPool.close();
    }

    /**
     * Borrows a connection, calls {@code isValid(2)} and returns it.
     *
     * @return whether the connection was valid
     * @throws SQLException if no connection can be had
     */
    @Benchmark
    public boolean bareIsValid() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        }
    }

    /**
     * Runs the check, borrowing on the calling thread.
     *
     * @return the result
     */
    @Benchmark
    public HealthResult check() {
        return check.check(CheckContext.of("test", DEADLINE));
    }

    /**
     * Runs the check, borrowing through its helper thread.
     *
     * @return the result
     */
    @Benchmark
    public HealthResult checkThroughHelperThread() {
        return helperCheck.check(CheckContext.of("test", DEADLINE));
    }

    /**
     * Runs the check with the PostgreSQL statistics query.
     *
     * @return the result
     */
    @Benchmark
    public HealthResult checkWithPostgresInsight() {
        return insightCheck.check(CheckContext.of("test", DEADLINE));
    }

    private static HikariDataSource pool(String name, long validationTimeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
        config.setUsername("postgres");
        config.setPoolName(name);
        config.setMaximumPoolSize(2);
        config.setValidationTimeout(validationTimeoutMillis);
        return new HikariDataSource(config);
    }
}
