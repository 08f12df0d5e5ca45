package io.healthmonitor.jdbc;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The MXBeans of a HikariCP pool, for {@link DataSourceHealthCheck.Builder#pool(HikariMXBeans)}
 * when the check cannot find the pool from the DataSource itself (for example JMX proxies of
 * {@code com.zaxxer.hikari:type=Pool (name)} and {@code type=PoolConfig (name)}).
 *
 * <p>The only public type that mentions HikariCP, so that the rest of the API loads and reflects
 * without it. Immutable and thread-safe.
 */
public final class HikariMXBeans {

    private final HikariPoolMXBean pool;
    private final HikariConfigMXBean config;

    private HikariMXBeans(HikariPoolMXBean pool, HikariConfigMXBean config) {
        this.pool = pool;
        this.config = config;
    }

    /**
     * Pairs a pool's MXBean with its configuration MXBean (for its maximum size and name).
     *
     * @param pool   the pool's MXBean
     * @param config the pool's configuration MXBean
     * @return the pair
     * @throws NullPointerException if an argument is null
     */
    public static HikariMXBeans of(HikariPoolMXBean pool, HikariConfigMXBean config) {
        return new HikariMXBeans(Objects.requireNonNull(pool, "pool"), Objects.requireNonNull(config, "config"));
    }

    PoolBinding bind(ConnectionSource fallback, Executor executor) {
        return HikariPools.bind(pool, config, fallback, executor);
    }

    @Override
    public String toString() {
        return "HikariMXBeans[" + config.getPoolName() + "]";
    }
}
