/**
 * Health checks for JDBC: {@link io.healthmonitor.jdbc.DataSourceHealthCheck} validates a
 * connection of the application's own {@link javax.sql.DataSource} before the deadline the monitor
 * gives each invocation, with HikariCP pool insight and optional PostgreSQL statistics.
 */
@NullMarked
package io.healthmonitor.jdbc;

import org.jspecify.annotations.NullMarked;
