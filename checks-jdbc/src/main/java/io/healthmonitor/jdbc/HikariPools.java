package io.healthmonitor.jdbc;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import io.healthmonitor.Redactor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Everything that touches HikariCP, an optional dependency. Only loaded after
 * {@link DataSourceHealthCheck} has seen HikariCP on the class path, so users without it never
 * meet a {@code NoClassDefFoundError}.
 */
final class HikariPools {

    private static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** The shortest first look into a pool without connections (see {@link #awaitConnection}). */
    private static final long FIRST_LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private HikariPools() {
    }

    /**
     * Binds to the Hikari pool behind {@code dataSource}, directly or through a JDBC wrapper.
     *
     * @return the binding, or null when {@code dataSource} is no Hikari pool
     */
    static @Nullable PoolBinding bind(DataSource dataSource, ConnectionSource fallback, Executor executor) {
        HikariDataSource hikari = find(dataSource);
        return hikari == null ? null
                : new PoolBinding(probe(hikari), source(hikari, fallback, executor), hikari::evictConnection);
    }

    /** Binds to a pool handed over as MXBeans, possibly JMX proxies. */
    static PoolBinding bind(HikariPoolMXBean pool, HikariConfigMXBean config, ConnectionSource fallback,
            Executor executor) {
        // A JMX proxy cannot evict; the check then works on what the DataSource lends, as it is.
        @Nullable Consumer<Connection> evictor = pool instanceof HikariPool hikari ? hikari::evictConnection : null;
        return new PoolBinding(probe(pool, config), source(pool, config, fallback, executor), evictor);
    }

    /**
     * Adds the credentials the Hikari pool behind {@code dataSource} was given: its password, its
     * JDBC URL, the secret and URL entries of its {@code dataSourceProperties}, and those of the
     * DataSource it wraps; nothing for another DataSource.
     */
    static void credentials(DataSource dataSource, List<String> passwords, List<String> urls) {
        HikariDataSource hikari = find(dataSource);
        if (hikari == null) {
            return;
        }
        Credentials.addIfSet(passwords, hikari.getPassword());
        Credentials.addIfSet(urls, hikari.getJdbcUrl());
        Properties properties = hikari.getDataSourceProperties();
        for (String name : properties.stringPropertyNames()) {
            if (Redactor.isSecretName(name)) {
                Credentials.addIfSet(passwords, properties.getProperty(name));
            } else if (name.equalsIgnoreCase("url")) {
                Credentials.addIfSet(urls, properties.getProperty(name));
            }
        }
        Credentials.readProperties(hikari.getDataSource(), passwords, urls);
    }

    private static @Nullable HikariDataSource find(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            return hikari;
        }
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    /** Reads a running or not yet started HikariDataSource. */
    private static PoolProbe probe(HikariDataSource dataSource) {
        return new PoolProbe() {
            @Override
            public String name() {
                return String.valueOf(dataSource.getPoolName());
            }

            @Override
            public @Nullable PoolState state() {
                HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
                return pool == null ? null : read(pool, dataSource.getMaximumPoolSize());
            }

            @Override
            public @Nullable String unavailable() {
                if (dataSource.isClosed()) {
                    return "the connection pool " + name() + " is closed";
                }
                return suspended(dataSource.getHikariPoolMXBean(), name());
            }
        };
    }

    /** Reads pool MXBeans the user handed over, possibly JMX proxies of a pool in this JVM. */
    private static PoolProbe probe(HikariPoolMXBean pool, HikariConfigMXBean config) {
        return new PoolProbe() {
            @Override
            public String name() {
                return String.valueOf(config.getPoolName());
            }

            @Override
            public PoolState state() {
                return read(pool, config.getMaximumPoolSize());
            }

            @Override
            public @Nullable String unavailable() {
                return suspended(pool, name());
            }
        };
    }

    /**
     * Borrows through {@link HikariPool#getConnection(long)}: the same path as
     * {@code HikariDataSource.getConnection()}, with the check's client timeout as the wait
     * instead of the pool's {@code connectionTimeout}, which stays as the user configured it.
     *
     * <p>Hikari tests a connection idle for more than 500 ms before lending it, bounded by the
     * pool's {@code validationTimeout} (at least 1 s in effect: drivers count whole seconds), not
     * by the wait. Only a connection idle when the borrow starts can need that test: one handed
     * over during the wait was just returned or just opened. So the borrow runs on the calling
     * thread and waits the whole client timeout when nothing is idle; waits the client timeout
     * less that test when something is idle and the time covers the test; and otherwise runs
     * through {@code helper}, which stops waiting at the client timeout. Before the pool has
     * started, or for a pool object that is not Hikari's own (a JMX proxy), {@code fallback} does
     * the usual {@code getConnection()}.
     */
    private static ConnectionSource source(HikariPoolMXBean bean, HikariConfigMXBean config, ConnectionSource fallback,
            Executor executor) {
        if (!(bean instanceof HikariPool pool)) {
            return fallback;
        }
        // The helper's own wait ends a little before the check's, so a plain pool timeout is
        // reported as Hikari's (with its cause) and leaves no attempt behind.
        ConnectionSource helper = new BoundedConnectionSource(
                timeoutNanos -> pool.getConnection(millis(timeoutNanos - Math.min(timeoutNanos / 10, MARGIN_NANOS))),
                executor, "HikariCP's borrow", () -> "testing an idle connection, which HikariCP allows its validationTimeout of "
                        + config.getValidationTimeout() + " ms");
        return timeoutNanos -> {
            if (pool.getIdleConnections() == 0) {
                return awaitConnection(pool, timeoutNanos);
            }
            long livenessTest = TimeUnit.MILLISECONDS.toNanos(Math.max(1000, config.getValidationTimeout()) + 100);
            long wait = timeoutNanos - livenessTest;
            return wait >= TimeUnit.MILLISECONDS.toNanos(1) ? pool.getConnection(millis(wait)) : helper.acquire(timeoutNanos);
        };
    }

    /**
     * Waits for a connection while none is idle. A pool that has no connection at all is first
     * asked for a tenth of the time (at least 100 ms): when it then reports an error from opening
     * one, it has not opened any since (HikariCP forgets the error on success), and waiting out
     * the rest (up to a start-up deadline of 10 s) would only delay "connection refused" or
     * "unknown database"; so its timeout, with that error, is the answer. With no error yet (a
     * first connection on its way, a database that does not answer), the wait goes on. A pool with
     * connections, all busy, is waited for the whole time: that is how exhaustion shows.
     */
    private static Connection awaitConnection(HikariPool pool, long timeoutNanos) throws SQLException {
        if (pool.getTotalConnections() > 0) {
            return pool.getConnection(millis(timeoutNanos));
        }
        long start = System.nanoTime();
        long firstLook = Math.min(timeoutNanos, Math.max(timeoutNanos / 10, FIRST_LOOK_NANOS));
        try {
            return pool.getConnection(millis(firstLook));
        } catch (SQLTransientConnectionException timeout) {
            long left = timeoutNanos - (System.nanoTime() - start);
            if (timeout.getCause() != null || left < TimeUnit.MILLISECONDS.toNanos(1)) {
                throw timeout;
            }
            return pool.getConnection(millis(left));
        }
    }

    private static ConnectionSource source(HikariDataSource dataSource, ConnectionSource fallback, Executor executor) {
        return new ConnectionSource() {
            private volatile @Nullable ConnectionSource started;

            @Override
            public Connection acquire(long timeoutNanos) throws SQLException, TimeoutException, InterruptedException {
                ConnectionSource source = started;
                if (source == null) {
                    HikariPoolMXBean bean = dataSource.getHikariPoolMXBean();
                    if (bean == null) {
                        return fallback.acquire(timeoutNanos); // its first getConnection() starts the pool
                    }
                    source = source(bean, dataSource.getHikariConfigMXBean(), fallback, executor);
                    started = source;
                }
                return source.acquire(timeoutNanos);
            }
        };
    }

    private static long millis(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    private static PoolState read(HikariPoolMXBean pool, int max) {
        return new PoolState(pool.getActiveConnections(), pool.getIdleConnections(), pool.getTotalConnections(), max,
                pool.getThreadsAwaitingConnection());
    }

    private static @Nullable String suspended(@Nullable HikariPoolMXBean bean, String name) {
        if (bean instanceof HikariPool pool && pool.poolState == HikariPool.POOL_SUSPENDED) {
            return "the connection pool " + name + " is suspended";
        }
        if (bean instanceof HikariPool pool && pool.poolState == HikariPool.POOL_SHUTDOWN) {
            return "the connection pool " + name + " is shut down";
        }
        return null;
    }
}
