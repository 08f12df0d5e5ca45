package io.healthmonitor.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The publisher's writes: one at a time, coalesced, retried with a bounded backoff, stopped by close(). */
@Timeout(60)
class WriteLoopTest {

    private static final Duration NO_HEARTBEAT = Duration.ofMinutes(10);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicBoolean up = new AtomicBoolean();
    private final AtomicInteger state = new AtomicInteger(1);
    /** The state each write wrote, negative when the write failed. */
    private final List<Integer> writes = new ArrayList<>();

    private boolean write() {
        writes.add(up.get() ? state.get() : -state.get());
        return up.get();
    }

    @Test
    void retriesAFailedWriteAfterABackoffThatDoublesUpToFiveSeconds() {
        WriteLoop loop = new WriteLoop(scheduler, this::write, NO_HEARTBEAT);

        loop.request();
        scheduler.runDue();

        assertThat(writes).containsExactly(-1);
        assertThat(waitsBetweenFailures(7)).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(writes).containsExactly(-1, -1, -1, -1, -1, -1, -1, -1);

        up.set(true);
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(writes).endsWith(-1, 1);
        assertThat(scheduler.pending()).as("no retry after a success").isEmpty();

        up.set(false);
        loop.request();
        scheduler.runDue();
        assertThat(scheduler.pending()).as("a new run of failures starts from the first wait").containsExactly(Duration.ofMillis(250));
    }

    @Test
    void waitsAtMostAQuarterOfAShortHeartbeat() {
        WriteLoop loop = new WriteLoop(scheduler, this::write, Duration.ofSeconds(5));
        loop.request();
        scheduler.runDue();

        assertThat(waitsBetweenFailures(5)).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofMillis(1250), Duration.ofMillis(1250));
    }

    @Test
    void startsBelowAQuarterOfAHeartbeatShorterThanOneSecond() {
        WriteLoop loop = new WriteLoop(scheduler, this::write, Duration.ofMillis(200));
        loop.request();
        scheduler.runDue();

        assertThat(waitsBetweenFailures(2)).containsExactly(Duration.ofMillis(50), Duration.ofMillis(50));
    }

    @Test
    void aNewerChangeIsWrittenAtOnceAndEndsThePendingRetry() {
        WriteLoop loop = new WriteLoop(scheduler, this::write, NO_HEARTBEAT);
        loop.request();
        scheduler.runDue();
        assertThat(scheduler.pending()).containsExactly(Duration.ofMillis(250));

        up.set(true);
        state.set(2);
        loop.request();
        scheduler.runDue();

        assertThat(writes).containsExactly(-1, 2);
        assertThat(scheduler.pending()).as("the retry is cancelled").isEmpty();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(writes).containsExactly(-1, 2);
    }

    @Test
    void aRetryWritesTheLatestState() {
        WriteLoop loop = new WriteLoop(scheduler, this::write, NO_HEARTBEAT);
        loop.request();
        scheduler.runDue();

        state.set(3);   // changed without a request of its own: the retry takes it
        up.set(true);
        scheduler.advance(Duration.ofMillis(250));

        assertThat(writes).containsExactly(-1, 3);
    }

    @Test
    void aSuccessMadeElsewhereEndsTheRetries() {
        WriteLoop loop = new WriteLoop(scheduler, this::write, NO_HEARTBEAT);
        loop.request();
        scheduler.runDue();

        loop.written(true);   // as publish() does, on its caller's thread

        assertThat(scheduler.pending()).isEmpty();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(writes).containsExactly(-1);
    }

    @Test
    void requestsDuringAWriteBecomeOneMoreWriteOfTheLatestState() {
        AtomicReference<WriteLoop> loop = new AtomicReference<>();
        loop.set(new WriteLoop(scheduler, () -> {
            if (writes.isEmpty()) {
                for (int i = 2; i <= 5; i++) {
                    state.set(i);
                    loop.get().request();
                }
            }
            return write();
        }, NO_HEARTBEAT));
        up.set(true);

        loop.get().request();
        scheduler.runDue();

        assertThat(writes).containsExactly(5, 5);
    }

    @Test
    void neverWritesTwiceAtOnceOnAPoolOfThreads() throws Exception {
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WriteLoop loop = new WriteLoop(pool, () -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (attempts.incrementAndGet() == 1) {
                    firstStarted.countDown();
                    release.await();
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                inFlight.decrementAndGet();
            }
        }, NO_HEARTBEAT);
        try {
            loop.request();
            assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 20; i++) {
                loop.request();
            }
            release.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(attempts).as("the first, and one for the twenty requests made during it").hasValue(2);
        assertThat(mostInFlight).hasValue(1);
    }

    @Test
    void closeCancelsThePendingRetryAndStopsEveryWrite() {
        WriteLoop loop = new WriteLoop(scheduler, this::write, NO_HEARTBEAT);
        loop.request();
        scheduler.runDue();
        assertThat(scheduler.pending()).hasSize(1);

        loop.close();
        loop.request();
        loop.written(false);

        assertThat(scheduler.pending()).isEmpty();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(writes).containsExactly(-1);
    }

    @Test
    void aWriteThatFailsBecauseOfCloseSchedulesNoRetry() {
        AtomicReference<WriteLoop> loop = new AtomicReference<>();
        loop.set(new WriteLoop(scheduler, () -> {
            loop.get().request();   // a change arriving meanwhile
            loop.get().close();
            return write();
        }, NO_HEARTBEAT));

        loop.get().request();
        scheduler.runDue();

        assertThat(writes).containsExactly(-1);
        assertThat(scheduler.pending()).isEmpty();
    }

    /** Lets each retry fail, returning the waits before them. */
    private List<Duration> waitsBetweenFailures(int count) {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertThat(scheduler.pending()).as("one retry pending").hasSize(1);
            Duration wait = scheduler.pending().get(0);
            waits.add(wait);
            scheduler.advance(wait);
        }
        return waits;
    }
}
