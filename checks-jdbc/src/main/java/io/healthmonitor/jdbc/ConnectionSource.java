package io.healthmonitor.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

/** Gets a connection from the user's DataSource within a bound, without reconfiguring it. */
interface ConnectionSource {

    /**
     * Returns a connection the caller must close, or throws once {@code timeoutNanos} have passed.
     *
     * @throws TimeoutException     if no connection came within the bound
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    Connection acquire(long timeoutNanos) throws SQLException, TimeoutException, InterruptedException;
}
