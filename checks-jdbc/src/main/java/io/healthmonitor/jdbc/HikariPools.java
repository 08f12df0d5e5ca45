package io.healthmonitor.jdbc;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Everything that touches HikariCP, an optional dependency. Only loaded after
 * {@link DataSourceHealthCheck} has seen HikariCP on the class path, so users without it never
 * meet a {@code NoClassDefFoundError}.
 */
final class HikariPools {

    private HikariPools() {
    }

    /**
     * Binds to the Hikari pool behind {@code dataSource}, directly or through a JDBC wrapper.
     *
     * @return the binding, or null when {@code dataSource} is no Hikari pool
     */
    static @Nullable PoolBinding bind(DataSource dataSource, ConnectionSource fallback) {
        HikariDataSource hikari = find(dataSource);
        return hikari == null ? null : new PoolBinding(probe(hikari), source(hikari, fallback));
    }

    /** Binds to a pool handed over as MXBeans, possibly JMX proxies. */
    static PoolBinding bind(HikariPoolMXBean pool, HikariConfigMXBean config, ConnectionSource fallback) {
        return new PoolBinding(probe(pool, config), source(pool, fallback));
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
     * {@code HikariDataSource.getConnection()}, on the calling thread, with the check's budget as
     * the wait instead of the pool's {@code connectionTimeout}. Falls back to {@code fallback}
     * before the pool has started (its first {@code getConnection()} starts it) or when the pool
     * object is not Hikari's own (a JMX proxy).
     */
    private static ConnectionSource source(HikariDataSource dataSource, ConnectionSource fallback) {
        return timeoutNanos -> {
            HikariPoolMXBean bean = dataSource.getHikariPoolMXBean();
            return bean instanceof HikariPool pool ? borrow(pool, timeoutNanos) : fallback.acquire(timeoutNanos);
        };
    }

    /** Like {@link #source(HikariDataSource, ConnectionSource)} for a pool handed over as an MXBean. */
    private static ConnectionSource source(HikariPoolMXBean bean, ConnectionSource fallback) {
        return timeoutNanos -> bean instanceof HikariPool pool ? borrow(pool, timeoutNanos) : fallback.acquire(timeoutNanos);
    }

    private static Connection borrow(HikariPool pool, long timeoutNanos) throws SQLException {
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        return pool.getConnection(millis);
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
