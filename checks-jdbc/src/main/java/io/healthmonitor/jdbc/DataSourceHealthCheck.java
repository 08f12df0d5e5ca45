package io.healthmonitor.jdbc;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Redactor;
import io.healthmonitor.micrometer.HealthMetrics;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Checks a JDBC {@link DataSource} the application already owns: borrows a connection, validates
 * it with {@link Connection#isValid(int)} (or a validation query), and reports pool and server
 * state, all before the deadline the monitor gives each invocation ({@link CheckContext}), the
 * wait for a pool connection included.
 *
 * <pre>{@code
 * HealthCheck database = DataSourceHealthCheck.builder(dataSource)
 *         .metrics(metrics)
 *         .build();
 * HealthMonitor monitor = HealthMonitor.builder().register("database", database).build();
 * }</pre>
 *
 * <p>Status:
 * <ul>
 *   <li>{@code UNHEALTHY} when no connection can be had before the deadline, or it is not valid;
 *       the message starts with the kind of failure ({@code connection refused},
 *       {@code authentication failed}, {@code unknown database}, {@code TLS failure},
 *       {@code protocol error} (the server at that address did not answer as PostgreSQL),
 *       {@code pool exhausted}, {@code timeout}, ...), says how long the check waited, and the
 *       {@code failure} detail names it. A pool that lends no connection is "exhausted" only when
 *       the application holds every connection it may have; one that cannot open connections is
 *       reported with its own last connection error (HikariCP keeps it), such as
 *       {@code unknown database: ... database "nosuchdb" does not exist};</li>
 *   <li>{@code DEGRADED} when a HikariCP pool is saturated (every connection busy and threads
 *       waiting) or busier than {@link Builder#poolUtilizationThreshold(double)}, or PostgreSQL
 *       uses more of its {@code max_connections} than {@link Builder#postgresConnectionThreshold(double)};</li>
 *   <li>{@code HEALTHY} otherwise.</li>
 * </ul>
 *
 * <p>Every client call is bounded by the invocation's {@linkplain CheckContext#clientTimeout()
 * client timeout}, taken again before each call: the deadline less a margin, so the check reports
 * its own failure ("no connection within 1398 ms ...") before the engine would expire it. How
 * that holds without reconfiguring the user's DataSource: a HikariCP pool is borrowed from with
 * that time as the wait (the pool's own {@code connectionTimeout} is left alone), on the calling
 * thread unless Hikari may first test an idle connection for longer than the time left (its
 * {@code validationTimeout}), then on a helper thread; any other DataSource's
 * {@code getConnection()} runs on a helper thread (see {@link Builder#executor(Executor)}). The
 * check stops waiting for a helper at the client timeout and closes the connection when it arrives
 * late; while one attempt is stuck in the driver, no other is started. On the connection, the
 * {@linkplain Connection#setNetworkTimeout(Executor, int) network timeout} is set to the time left
 * in milliseconds before each call, so budgets below a second hold too; {@code isValid} and the
 * {@linkplain Statement#setQueryTimeout(int) query timeout} get that time rounded up to whole
 * seconds, never 0 ("no timeout" in JDBC). Afterwards the check restores the network timeout,
 * rolls back what it read when auto-commit is off, and closes the connection (returning it to its
 * pool). A connection a call left broken is not touched again: a HikariCP pool evicts it, and
 * since the check's calls run on the driver's connection under HikariCP's proxy, the proxy logs no
 * "marked as broken" warning with a stack trace for a failure the check already reports. The
 * DataSource itself is never closed or reconfigured.
 *
 * <p>Messages are redacted ({@link Redactor}), and the check also masks the credentials it knows
 * the DataSource was given, wherever a driver echoes them in a form no pattern recognises: those
 * given to {@link Builder#secrets(String...)} and found in the URLs given to
 * {@link Builder#secretsIn(String...)}; the DataSource's {@code password} and
 * {@code url}/{@code URL} properties, read through their public getters where it has them
 * ({@code password} is a standard DataSource property of the JDBC specification, a JavaBeans
 * property, so this learns the credentials of any driver's DataSource without depending on the
 * driver); and a HikariCP pool's password, JDBC URL and data source properties. They are read again
 * for every unhealthy result, so a rotated password is masked too.
 *
 * <p>HikariCP is optional: pool insight is used when the DataSource is (or wraps) a
 * {@code HikariDataSource}, or when {@link Builder#pool(HikariMXBeans)} is
 * given; without HikariCP on the class path the check works as for any DataSource.
 *
 * <p>Immutable and thread-safe; concurrent invocations each borrow their own connection.
 */
public final class DataSourceHealthCheck implements HealthCheck {

    /** The default pool utilization (active / max) at or above which the check is degraded: 90 %. */
    public static final double DEFAULT_POOL_UTILIZATION_THRESHOLD = 0.9;
    /** The default share of PostgreSQL's {@code max_connections} at or above which the check is degraded: 90 %. */
    public static final double DEFAULT_POSTGRES_CONNECTION_THRESHOLD = 0.9;
    /** The default age beyond which an active PostgreSQL query counts as long-running: five minutes. */
    public static final Duration DEFAULT_LONG_QUERY_THRESHOLD = Duration.ofMinutes(5);

    private static final boolean HIKARI_PRESENT = present("com.zaxxer.hikari.HikariDataSource");
    /** Below this, a connection that came is not worth validating: the answer could not come in time. */
    private static final Duration TOO_LATE = Duration.ofMillis(1);

    private final @Nullable String validationQuery;
    private final double poolUtilizationThreshold;
    private final @Nullable PoolProbe pool;
    private final ConnectionSource source;
    private final @Nullable Consumer<Connection> evictor;
    private final @Nullable PostgresInsight postgres;
    private final Credentials credentials;
    private final Unhealthy unhealthy;
    /** The redacted URL, read from the first connection; a benign race may read it twice. */
    private volatile @Nullable String url;

    private DataSourceHealthCheck(Builder builder) {
        this.validationQuery = builder.validationQuery;
        this.poolUtilizationThreshold = builder.poolUtilizationThreshold;
        Executor executor = builder.executor == null ? BoundedConnectionSource.daemonThreads() : builder.executor;
        ConnectionSource plain = BoundedConnectionSource.of(builder.dataSource, executor);
        PoolBinding binding = null;
        if (builder.explicitPool != null) {
            binding = builder.explicitPool.bind(plain, executor);
        } else if (HIKARI_PRESENT) {
            binding = HikariPools.bind(builder.dataSource, plain, executor);
        }
        this.pool = binding == null ? null : binding.probe();
        this.source = binding == null ? plain : binding.source();
        this.evictor = binding == null ? null : binding.evictor();
        this.postgres = builder.postgresInsight
                ? new PostgresInsight(builder.postgresConnectionThreshold, builder.longQueryThreshold)
                : null;
        PoolMetrics metrics = builder.metrics == null ? null
                : new PoolMetrics(builder.metrics, pool == null ? "default" : pool.name(), pool);
        this.credentials = new Credentials(builder.dataSource, builder.secrets, builder.secretUrls, HIKARI_PRESENT);
        this.unhealthy = new Unhealthy(pool, metrics, credentials);
    }

    /**
     * Returns a check of {@code dataSource} with the defaults: {@code isValid}, HikariCP insight
     * when the DataSource is a Hikari pool, no metrics.
     *
     * @param dataSource the application's DataSource; never closed or reconfigured by the check
     * @return the check
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static DataSourceHealthCheck of(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * Starts a check of {@code dataSource}.
     *
     * @param dataSource the application's DataSource; never closed or reconfigured by the check
     * @return a builder with the defaults
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Borrows a connection, validates it and reads pool and server state, each call bounded by
     * what is left of the context's client timeout.
     *
     * @param context the invocation's deadline and clock
     * @return the result; failures are unhealthy results, never exceptions
     */
    @Override
    public HealthResult check(CheckContext context) {
        long start = System.nanoTime();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("validation", validationQuery == null ? "isValid" : "query");
        HealthStatus status = HealthStatus.HEALTHY;
        String message = null;
        PoolState before = null;
        if (pool != null) {
            String unavailable = pool.unavailable();
            if (unavailable != null) {
                return unhealthy.of(Failure.POOL_UNAVAILABLE, Failure.POOL_UNAVAILABLE.message(unavailable), null, details, start);
            }
            before = pool.state();
            if (before != null) {
                details.put("pool", before.details());
                message = before.degradation(poolUtilizationThreshold);
                status = message == null ? status : HealthStatus.DEGRADED;
            }
        }
        Connection lent;
        try {
            lent = source.acquire(context.clientTimeout().toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unhealthy.of(e, details, start);
        } catch (SQLException | TimeoutException | RuntimeException e) {
            return unhealthy.noConnection(e, before, details, start);
        }
        details.put("acquireMillis", Elapsed.millis(System.nanoTime() - start));
        Lease lease = Lease.of(lent, evictor, context);
        boolean broken = false;
        try {
            if (context.clientTimeout().compareTo(TOO_LATE) <= 0) {
                return unhealthy.of(Failure.TIMEOUT, Failure.TIMEOUT.message("a connection came after "
                        + Elapsed.millisSince(start) + " ms, too late to validate it before the deadline"), null, details, start);
            }
            Connection connection = lease.connection();
            lease.bound();
            DatabaseMetaData metaData = connection.getMetaData();
            String product = metaData.getDatabaseProductName();
            details.put("database", String.valueOf(product));
            details.put("databaseVersion", String.valueOf(metaData.getDatabaseProductVersion()));
            String url = this.url;
            if (url == null) {
                // The DataSource's address does not change; drivers rebuild the URL string on every call.
                url = JdbcAddress.of(metaData.getURL(), credentials.read());
                this.url = url;
            }
            if (url != null) {
                details.put("url", url);
            }
            long bound = lease.bound();
            long callStart = System.nanoTime();
            if (validationQuery == null) {
                int seconds = Lease.seconds(bound);
                if (!connection.isValid(seconds)) {
                    broken = true;
                    return unhealthy.invalid(lease, seconds, bound, Elapsed.millisSince(callStart), details, start);
                }
            } else {
                lease.ranStatements();
                try (Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout(Lease.seconds(bound));
                    statement.execute(validationQuery);
                } catch (SQLException e) {
                    broken = Failure.of(e).breaksConnection();
                    return unhealthy.ofCall(e, "the validation query", Elapsed.millisSince(callStart), details, start);
                }
            }
            if (postgres != null && PostgresInsight.isPostgres(product)) {
                lease.ranStatements();
                try {
                    PostgresInsight.Reading reading = postgres.read(connection, Lease.seconds(lease.bound()));
                    details.put("postgres", reading.details());
                    if (reading.degradation() != null && status == HealthStatus.HEALTHY) {
                        status = HealthStatus.DEGRADED;
                        message = reading.degradation();
                    }
                } catch (SQLException e) {
                    broken = Failure.of(e).breaksConnection();
                    if (status == HealthStatus.HEALTHY) {
                        status = HealthStatus.DEGRADED;
                        message = credentials.read().mask(
                                "PostgreSQL statistics unavailable: " + Redactor.redact(Failure.describe(e)));
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            broken = Failure.of(e).breaksConnection();
            return unhealthy.of(e, details, start);
        } finally {
            lease.release(broken);
        }
        details.put("responseTimeMillis", Elapsed.millis(System.nanoTime() - start));
        return new HealthResult(status, message, details, null);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, DataSourceHealthCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "DataSourceHealthCheck[validation=" + (validationQuery == null ? "isValid" : "query") + ", pool=" + (pool == null ? "none" : pool.name()) + "]";
    }

    /**
     * Builds a {@link DataSourceHealthCheck}. Not thread-safe: configure it on one thread, then
     * share the immutable check it builds.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private @Nullable String validationQuery;
        private double poolUtilizationThreshold = DEFAULT_POOL_UTILIZATION_THRESHOLD;
        private @Nullable HikariMXBeans explicitPool;
        private @Nullable Executor executor;
        private @Nullable HealthMetrics metrics;
        private boolean postgresInsight;
        private double postgresConnectionThreshold = DEFAULT_POSTGRES_CONNECTION_THRESHOLD;
        private Duration longQueryThreshold = DEFAULT_LONG_QUERY_THRESHOLD;
        private List<String> secrets = List.of();
        private List<String> secretUrls = List.of();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Validates with a query, run with a query timeout, instead of {@link Connection#isValid(int)}.
         *
         * @param value a read-only statement such as {@code SELECT 1}
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder validationQuery(String value) {
            Objects.requireNonNull(value, "validationQuery");
            if (value.isBlank()) {
                throw new IllegalArgumentException("validationQuery must not be blank");
            }
            this.validationQuery = value;
            return this;
        }

        /**
         * Sets the share of the pool's maximum size in use (active / max) at or above which the
         * check is degraded (default 0.9). A saturated pool (all busy, threads waiting) is always degraded.
         *
         * @param value a fraction in (0, 1]
         * @return this builder
         */
        public Builder poolUtilizationThreshold(double value) {
            this.poolUtilizationThreshold = fraction(value, "poolUtilizationThreshold");
            return this;
        }

        /**
         * Reads pool state from HikariCP MXBeans instead of detecting a {@code HikariDataSource}
         * behind the DataSource: {@code pool(HikariMXBeans.of(poolBean, configBean))}.
         *
         * @param value the pool's MXBeans
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder pool(HikariMXBeans value) {
            this.explicitPool = Objects.requireNonNull(value, "pool");
            return this;
        }

        /**
         * Sets where a {@code getConnection()} that the check cannot bound on the calling thread
         * runs, so the check can stop waiting for it at its client timeout (default: the library's
         * daemon threads, reused while busy and ended after a minute idle; nothing to shut down;
         * at most one attempt stuck in a driver at a time per check).
         *
         * @param value the executor; it must run tasks on another thread for the deadline to hold
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * Publishes {@code <prefix>.database.connections} gauges by {@code state} ({@code active},
         * {@code in_use} (the same value), {@code idle}, {@code pending}, {@code max}) for a known
         * pool, and the {@code <prefix>.database.connection.errors} counter; both are tagged
         * {@code pool} with the pool's name ({@code default} when there is none). Prometheus shows
         * them as {@code credlink_database_connections} and {@code credlink_database_connection_errors_total}.
         *
         * @param value the binding to a registry and the common name prefix
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder metrics(HealthMetrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /**
         * Reads PostgreSQL statistics when the database is PostgreSQL (default off): server
         * version, whether it is in recovery (a replica), client connections against
         * {@code max_connections}, and long-running queries, in one read-only query bounded by the time left.
         *
         * @param value true to read them
         * @return this builder
         */
        public Builder postgresInsight(boolean value) {
            this.postgresInsight = value;
            return this;
        }

        /**
         * Sets the share of PostgreSQL's {@code max_connections} in use at or above which the check
         * is degraded (default 0.9); used with {@link #postgresInsight(boolean)}.
         *
         * @param value a fraction in (0, 1]
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is not in (0, 1]
         */
        public Builder postgresConnectionThreshold(double value) {
            this.postgresConnectionThreshold = fraction(value, "postgresConnectionThreshold");
            return this;
        }

        /**
         * Sets the age beyond which an active PostgreSQL query counts as long-running (default
         * 5 minutes); used with {@link #postgresInsight(boolean)}.
         *
         * @param value the threshold
         * @return this builder
         * @throws NullPointerException     if {@code value} is null
         * @throws IllegalArgumentException if {@code value} is not positive
         */
        public Builder longQueryThreshold(Duration value) {
            Objects.requireNonNull(value, "longQueryThreshold");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("longQueryThreshold must be > 0");
            }
            this.longQueryThreshold = value;
            return this;
        }

        /**
         * Sets credentials the check masks ({@code ***}) in every result it returns, wherever they
         * appear, for those it cannot read from the DataSource itself (default none). The check
         * already knows a HikariCP pool's password and JDBC URL, and the {@code password} and
         * {@code url} properties of a DataSource that has public getters for them (such as
         * PostgreSQL's {@code PGSimpleDataSource}); pass here the password of any other DataSource:
         * one that hides it (MariaDB's {@code MariaDbDataSource} has no {@code getPassword()}), a
         * wrapper around the real one, a pool other than HikariCP. A driver may echo a credential
         * in a form no pattern recognises: MariaDB's, given {@code jdbc:mariadb://root:pw@host/db},
         * answers "Incorrect port value : pw@host".
         *
         * <p>Secrets of four characters or more are masked wherever they appear; shorter ones only
         * where they stand alone, not inside a word or a number. An error whose text holds one is
         * left out of the result; the masked message says what it said.
         *
         * @param values the secrets, such as the database password; replace those set before
         * @return this builder
         * @throws NullPointerException if {@code values} or one of them is null
         */
        public Builder secrets(String... values) {
            this.secrets = List.of(Objects.requireNonNull(values, "secrets"));
            return this;
        }

        /**
         * Sets JDBC URLs whose credentials the check masks as it does {@link #secrets(String...)}:
         * the password of their user-info ({@code //user:password@host}) and the values of their
         * parameters whose names say secret ({@code ?password=...}), each as written and URL-decoded
         * (default none). For a DataSource whose URL the check cannot read (a wrapper, a
         * DataSource without a public {@code getUrl()}): pass the URL it was configured with, as
         * the Spring Boot starter does with {@code spring.datasource.url}. The URLs are used for
         * masking only, never shown.
         *
         * @param jdbcUrls the URLs; replace those set before
         * @return this builder
         * @throws NullPointerException if {@code jdbcUrls} or one of them is null
         */
        public Builder secretsIn(String... jdbcUrls) {
            this.secretUrls = List.of(Objects.requireNonNull(jdbcUrls, "jdbcUrls"));
            return this;
        }

        /**
         * Builds the check, and registers its meters when {@link #metrics(HealthMetrics)} was set.
         *
         * @return an immutable, thread-safe check
         */
        public DataSourceHealthCheck build() {
            return new DataSourceHealthCheck(this);
        }

        private static double fraction(double value, String what) {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException(what + " must be > 0 and <= 1, was " + value);
            }
            return value;
        }
    }
}
