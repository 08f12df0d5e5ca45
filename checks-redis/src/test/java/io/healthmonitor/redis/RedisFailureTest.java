package io.healthmonitor.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The messages for failures a live server cannot be made to produce on demand in a unit test
 * ({@code LOADING} needs a large dataset, {@code MASTERDOWN} a stale replica configured to refuse),
 * built from the exception types and reply texts Lettuce and Redis really use.
 */
class RedisFailureTest {

    /** How long the probe had waited when it failed. */
    private static final long ELAPSED_NANOS = Duration.ofMillis(800).toNanos() + 123_456;

    @Test
    void namesRedisErrorRepliesByTheirCode() {
        assertThat(message(new RedisLoadingException("LOADING Redis is loading the dataset in memory")))
                .isEqualTo("Redis at db:6379 is loading its dataset into memory (LOADING)");
        assertThat(message(new RedisCommandExecutionException("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.")))
                .isEqualTo("Redis at db:6379 is a replica that lost its link to the master (MASTERDOWN)");
        assertThat(message(new RedisCommandExecutionException("OOM command not allowed when used memory > 'maxmemory'.")))
                .isEqualTo("Redis at db:6379 is out of memory and refuses writes (OOM)");
        assertThat(message(new RedisCommandExecutionException("NOAUTH Authentication required.")))
                .isEqualTo("authentication failed: Redis at db:6379 requires a password (NOAUTH)");
    }

    @Test
    void findsAnAuthenticationFailureInsideAConnectionFailure() {
        RedisConnectionException failure = new RedisConnectionException("Unable to connect to db/<unresolved>:6379",
                new RedisCommandExecutionException("WRONGPASS invalid username-password pair or user is disabled."));

        RedisFailure.Outcome outcome = RedisFailure.classify(new CompletionException(failure), ELAPSED_NANOS, "db:6379");

        assertThat(outcome.message()).isEqualTo("authentication failed: Redis at db:6379 rejected the username or password (WRONGPASS)");
        assertThat(outcome.connectionError()).isTrue();
    }

    @Test
    void countsTransportFailuresAsConnectionErrorsButNotServerStates() {
        assertThat(RedisFailure.classify(new TimeoutException(), ELAPSED_NANOS, null))
                .isEqualTo(new RedisFailure.Outcome("timed out after 800 ms waiting for Redis", true));
        assertThat(RedisFailure.classify(new RedisCommandTimeoutException("Command timed out after 1 minute(s)"), ELAPSED_NANOS, null)
                .message()).isEqualTo("timed out after 800 ms waiting for Redis");
        assertThat(RedisFailure.classify(new RedisConnectionException("Unable to connect",
                new ConnectException("Connection refused: /127.0.0.1:1")), ELAPSED_NANOS, "127.0.0.1:1"))
                .isEqualTo(new RedisFailure.Outcome("connection refused by Redis at 127.0.0.1:1", true));
        assertThat(RedisFailure.classify(new RedisLoadingException("LOADING Redis is loading"), ELAPSED_NANOS, null)
                .connectionError()).isFalse();
        assertThat(RedisFailure.classify(new CompletionException(new RedisException("Currently not connected. Commands are rejected.")),
                ELAPSED_NANOS, "db:6379"))
                .isEqualTo(new RedisFailure.Outcome(
                        "disconnected from Redis at db:6379; commands are rejected until the client reconnects", true));
    }

    @Test
    void givesTheProbesOwnTimeoutAsItIsWrittenAndCountsIt() {
        ProbeTimeout timeout = new ProbeTimeout("no PONG from Redis at db:6379 within 1400 ms");

        assertThat(RedisFailure.classify(new CompletionException(timeout), ELAPSED_NANOS, "db:6379"))
                .isEqualTo(new RedisFailure.Outcome("no PONG from Redis at db:6379 within 1400 ms", true));
    }

    @Test
    void saysWhetherADisconnectedConnectionIsBeingReconnected() {
        assertThat(RedisFailure.disconnected("db:6379", true).message())
                .isEqualTo("disconnected from Redis at db:6379; the client is reconnecting");
        assertThat(RedisFailure.disconnected(null, false).message())
                .isEqualTo("disconnected from Redis; the client does not reconnect it by itself");
    }

    @Test
    void masksCredentialsInMessagesItQuotes() {
        RedisConnectionException failure = new RedisConnectionException("Unable to connect to redis://app:hunter2@db:6379");

        String message = message(failure);

        assertThat(message).startsWith("cannot connect to Redis at db:6379: ").doesNotContain("hunter2");
    }

    private static String message(Throwable failure) {
        return RedisFailure.classify(failure, ELAPSED_NANOS, "db:6379").message();
    }
}
