package io.healthmonitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class NoConnectionTest {

    /**
     * Found by an operator's test and reproduced with PostgreSQL behind a frozen (SIGSTOPped) socat:
     * the first results said "connection failed ... its last connection error: This connection has
     * been closed.", the later ones "timeout"; the runbook says {@code timeout} for a database that
     * does not answer. The closed connection is what the pool's unanswered attempt left, not a cause.
     */
    @Test
    void aConnectionClosedUnderAnUnansweredAttemptIsATimeout() {
        PSQLException closed = new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST);
        SQLTransientConnectionException timeout = new SQLTransientConnectionException(
                "demo-db - Connection is not available, request timed out after 1015ms.", "08001", closed);

        NoConnection why = NoConnection.of(timeout, new PoolState(0, 4, 4, 4, 0), new PoolState(0, 2, 2, 4, 1), 1015, null);

        assertThat(why.failure()).isEqualTo(Failure.TIMEOUT);
        assertThat(why.text()).startsWith("no connection within 1015 ms").endsWith("This connection has been closed.");
    }

    @Test
    void anotherConnectionErrorKeepsItsKind() {
        PSQLException reset = new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);
        SQLTransientConnectionException timeout = new SQLTransientConnectionException(
                "demo-db - Connection is not available, request timed out after 1015ms.", "08001", reset);

        assertThat(NoConnection.of(timeout, null, new PoolState(0, 0, 0, 4, 1), 1015, null).failure()).isEqualTo(Failure.CONNECTION_FAILED);
    }
}
