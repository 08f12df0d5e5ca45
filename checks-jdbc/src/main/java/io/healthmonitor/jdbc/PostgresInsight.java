package io.healthmonitor.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Read-only server statistics of PostgreSQL, in one round trip: version, whether it is a replica,
 * client connections against {@code max_connections}, and long-running queries.
 */
final class PostgresInsight {

    /** Client backends only; this check's own backend is not a long-running query. */
    private static final String QUERY = """
            SELECT current_setting('server_version'),
                   pg_is_in_recovery(),
                   (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'),
                   current_setting('max_connections')::int,
                   (SELECT count(*) FROM pg_stat_activity
                     WHERE state = 'active' AND pid <> pg_backend_pid()
                       AND query_start < clock_timestamp() - make_interval(secs => ?))""";

    private final double connectionThreshold;
    private final Duration longQueryThreshold;

    PostgresInsight(double connectionThreshold, Duration longQueryThreshold) {
        this.connectionThreshold = connectionThreshold;
        this.longQueryThreshold = longQueryThreshold;
    }

    /** What one reading found: details, and why the server is degraded, or null. */
    record Reading(Map<String, Object> details, @Nullable String degradation) {
    }

    static boolean isPostgres(String productName) {
        return "PostgreSQL".equalsIgnoreCase(productName);
    }

    Reading read(Connection connection, int timeoutSeconds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setDouble(1, longQueryThreshold.toMillis() / 1000.0);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("PostgreSQL statistics query returned no row");
                }
                int connections = row.getInt(3);
                int maxConnections = row.getInt(4);
                double usage = maxConnections > 0 ? (double) connections / maxConnections : 0;
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("serverVersion", row.getString(1));
                details.put("inRecovery", row.getBoolean(2));
                details.put("connections", connections);
                details.put("maxConnections", maxConnections);
                details.put("connectionUsagePercent", Math.round(usage * 1000) / 10.0);
                details.put("longRunningQueries", row.getInt(5));
                details.put("longRunningQueryThresholdSeconds", longQueryThreshold.toMillis() / 1000.0);
                String degradation = usage >= connectionThreshold
                        ? "PostgreSQL has " + connections + " of " + maxConnections + " connections in use ("
                                + details.get("connectionUsagePercent") + " % >= " + percent(connectionThreshold) + " %)"
                        : null;
                return new Reading(details, degradation);
            }
        }
    }

    static String percent(double fraction) {
        double percent = Math.round(fraction * 1000) / 10.0;
        return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
    }
}
