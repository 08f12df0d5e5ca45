package io.healthmonitor.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link FleetView#close()} against a re-watch in progress, on a private nats-server. The re-watch
 * (here after a forced reconnect) made its new watch on the view's thread while close() ran on
 * another: close() took the old watch, and the new one, assigned afterwards, was never unsubscribed.
 * It kept a JetStream consumer bound and a jnats dispatcher feeding the closed view, and close()
 * returned with the view's thread still running. The interleaving is pinned with a latch: the view's
 * watching step makes the real watch, then holds it until close() has visibly started (the closed
 * view no longer reports a watch).
 */
@Timeout(60)
class FleetViewCloseTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @Test
    void closeWinsOverAReWatchInProgress() throws Exception {
        try (Nats nats = Nats.single()) {
            Connection connection = nats.connect();
            AtomicInteger watches = new AtomicInteger();
            AtomicReference<FleetView> view = new AtomicReference<>();
            AtomicReference<Thread> viewThread = new AtomicReference<>();
            AtomicBoolean closing = new AtomicBoolean();
            CountDownLatch rewatching = new CountDownLatch(1);
            FleetView.Watching holdTheReWatch = (bucket, watcher) -> {
                NatsKeyValueWatchSubscription watch = bucket.watchAll(watcher);
                if (watches.incrementAndGet() == 2) {
                    viewThread.set(Thread.currentThread());
                    rewatching.countDown();
                    // Hold the new watch until close() has started; close() interrupts this thread,
                    // which must not end the hold early.
                    boolean interrupted = false;
                    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
                    while (!(closing.get() && view.get().snapshot().state() == FleetSnapshot.State.DISCONNECTED)
                            && System.nanoTime() < deadline) {
                        try {
                            TimeUnit.MILLISECONDS.sleep(5);
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
                return watch;
            };
            view.set(FleetView.builder(connection).watching(holdTheReWatch).build().start());
            Await.until(HANG_GUARD, "a live view", () -> view.get().snapshot().state() == FleetSnapshot.State.LIVE,
                    view.get()::snapshot);

            connection.forceReconnect();
            assertThat(rewatching.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).as("the re-watch after the reconnect").isTrue();
            AtomicReference<Throwable> escaped = new AtomicReference<>();
            AtomicBoolean threadAliveAfterClose = new AtomicBoolean();
            Thread closer = new Thread(() -> {
                closing.set(true);
                try {
                    view.get().close();
                } catch (Throwable e) {
                    escaped.set(e);
                }
                threadAliveAfterClose.set(viewThread.get().isAlive());
            }, "closer");
            closer.start();
            closer.join(HANG_GUARD.toMillis());
            assertThat(closer.isAlive()).as("close() returned").isFalse();
            viewThread.get().join(HANG_GUARD.toMillis());   // so that a leaked watch is in place when checked
            connection.flush(Duration.ofSeconds(5));        // the server has seen every unsubscribe

            assertThat(escaped.get()).as("exception out of close()").isNull();
            assertThat(boundConsumers(connection)).as("watches still subscribed after close()").isEmpty();
            assertThat(threadAliveAfterClose.get()).as("the view's thread was still running when close() returned").isFalse();
            assertThat(watches.get()).as("no watch made after close()").isEqualTo(2);
        }
    }

    @Test
    void aClosedViewCannotBeStartedAndClosingTwiceIsHarmless() {
        try (Nats nats = Nats.single()) {
            FleetView view = FleetView.builder(nats.connect()).build();
            view.close();
            view.close();
            assertThatThrownBy(view::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThat(view.snapshot().state()).isEqualTo(FleetSnapshot.State.DISCONNECTED);
        }
    }

    /** The consumers of the bucket's stream that a subscription still receives for. */
    private static List<String> boundConsumers(Connection connection) throws Exception {
        List<ConsumerInfo> consumers = connection.jetStreamManagement().getConsumers("KV_" + FleetPublisher.DEFAULT_BUCKET);
        return consumers.stream().filter(ConsumerInfo::isPushBound).map(ConsumerInfo::getName).toList();
    }
}
