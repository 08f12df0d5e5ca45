package io.healthmonitor.fleet;

import io.healthmonitor.HealthStatus;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every instance's health in one view: watches the fleet's bucket (no polling of instances) and
 * keeps the latest summary per instance, and answers {@link #snapshot()} with each service's
 * status under its {@link FleetPolicy}.
 *
 * <pre>{@code
 * FleetView view = FleetView.builder(connection).policy("payments", FleetPolicy.minimumHealthy(2)).build();
 * view.start();
 * FleetSnapshot fleet = view.snapshot();
 * }</pre>
 *
 * <p>An instance is stale when its entry is older than two of its heartbeats, and gone when the
 * entry was deleted or is older than the bucket's max age, whether or not a delete marker arrived.
 * When NATS is unreachable the snapshot says so ({@link FleetSnapshot.State#DISCONNECTED}), keeps
 * the last known instances with their ages growing, and never passes for a live view; on reconnect,
 * and when the watch has heard nothing for two thirds of the max age (a watch stuck on a cluster
 * server that died), the view watches again, without a restart. Entries that are
 * not summaries (a hostile or broken publisher) are skipped and counted, never fatal. Uses the
 * application's connection and never closes it; {@link #close()} wins over a re-watch in progress.
 * Thread-safe.
 */
public final class FleetView implements AutoCloseable {

    /** The most instances a view keeps; entries of further keys are skipped. */
    public static final int MAX_INSTANCES = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(FleetView.class);
    /** How long JetStream gets to answer a request of the view. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** How long close() waits for the view's thread: one request's timeout, and slack. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final Connection connection;
    private final String bucketName;
    private final Duration configuredMaxAge;
    private final int replicas;
    private final FleetPolicy policy;
    private final Map<String, FleetPolicy> policies;
    private final InstantSource clock;
    private final Watching watching;
    private final BucketMirror mirror = new BucketMirror(MAX_INSTANCES);
    private final FailureLog failures;
    private final ScheduledExecutorService scheduler;
    private final ConnectionListener events = this::connectionEvent;
    /** Guards started, closed and watch: close() and a re-watch on the view's thread must agree on who unsubscribes what. */
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean closed;
    private volatile @Nullable Thread thread;
    private volatile Duration maxAge;
    private volatile @Nullable NatsKeyValueWatchSubscription watch;
    private volatile @Nullable Instant downSince;
    private volatile boolean rewatch;
    private long reconnects = -1;
    private FleetBucket.@Nullable Opened bucket;

    private FleetView(Builder builder) {
        this.connection = builder.connection;
        this.bucketName = builder.bucket;
        this.configuredMaxAge = builder.maxAge;
        this.maxAge = builder.maxAge;
        this.replicas = builder.replicas;
        this.policy = builder.policy;
        this.policies = Map.copyOf(builder.policies);
        this.clock = builder.clock;
        this.watching = builder.watching;
        this.failures = new FailureLog(LOG, "watching the NATS bucket " + bucketName + " for the fleet view");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread viewThread = new Thread(runnable, "healthmonitor-fleet-view-" + bucketName);
            viewThread.setDaemon(true);
            this.thread = viewThread;
            return viewThread;
        });
    }

    /**
     * Starts building a view.
     *
     * @param connection the application's connection; never closed here
     * @return a builder
     * @throws NullPointerException if {@code connection} is null
     */
    public static Builder builder(Connection connection) {
        return new Builder(connection);
    }

    /**
     * Starts watching the bucket (creating it when it does not exist) in the background, and keeps
     * watching across reconnects until {@link #close()}. Returns at once.
     *
     * @return this view
     * @throws IllegalStateException if already started, or closed
     */
    public FleetView start() {
        synchronized (lifecycle) {
            if (started || closed) {
                throw new IllegalStateException("the fleet view of " + bucketName + " was already started or closed");
            }
            started = true;
            connection.addConnectionListener(events);
            long period = Math.max(50, Math.min(1000, maxAge.toMillis() / 4));
            scheduler.scheduleWithFixedDelay(this::maintain, 0, period, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Returns the fleet as the view sees it now.
     *
     * @return the snapshot: services ordered by name, instances by id
     */
    public FleetSnapshot snapshot() {
        Instant now = clock.instant();
        FleetSnapshot.State state = state();
        Map<String, List<FleetInstance>> byService = new TreeMap<>();
        for (Map.Entry<String, BucketMirror.Stored> entry : mirror.entries().entrySet()) {
            BucketMirror.Stored stored = entry.getValue();
            FleetInstance instance = instance(entry.getKey(), stored, now, state);
            if (instance != null) {
                byService.computeIfAbsent(stored.summary().service(), name -> new ArrayList<>()).add(instance);
            }
        }
        List<FleetService> services = new ArrayList<>(byService.size());
        for (Map.Entry<String, List<FleetInstance>> service : byService.entrySet()) {
            List<FleetInstance> instances = service.getValue();
            instances.sort((a, b) -> a.id().compareTo(b.id()));
            List<HealthStatus> statuses = instances.stream().map(FleetInstance::effectiveStatus).toList();
            HealthStatus status = policies.getOrDefault(service.getKey(), policy).status(statuses);
            services.add(new FleetService(service.getKey(), Objects.requireNonNull(status, "policy status"), instances));
        }
        Instant since = state == FleetSnapshot.State.LIVE ? null : downSince;
        return new FleetSnapshot(state, since, now, mirror.skipped(), services);
    }

    /**
     * Returns one instance as the view sees it now, without building the whole snapshot: for
     * frequent lookups of a few peers.
     *
     * @param service the service's name
     * @param id      the instance's id
     * @return the instance, or empty when the view does not know it (or its entry expired)
     */
    public Optional<FleetInstance> instance(String service, String id) {
        String key = FleetKeys.key(Objects.requireNonNull(service, "service"), Objects.requireNonNull(id, "id"));
        BucketMirror.Stored stored = mirror.entries().get(key);
        return stored == null ? Optional.empty() : Optional.ofNullable(instance(key, stored, clock.instant(), state()));
    }

    private @Nullable FleetInstance instance(String key, BucketMirror.Stored stored, Instant now, FleetSnapshot.State state) {
        Summary summary = stored.summary();
        Duration age = Duration.between(stored.created(), now);
        age = age.isNegative() ? Duration.ZERO : age;
        if (state != FleetSnapshot.State.DISCONNECTED && age.compareTo(maxAge) > 0) {
            mirror.remove(key, stored);   // expired: gone even without a delete marker
            return null;
        }
        boolean stale = age.compareTo(summary.heartbeat().multipliedBy(2)) > 0;
        return new FleetInstance(summary.instance(), summary.status(), age, stale, summary.checks(), summary.version());
    }

    private FleetSnapshot.State state() {
        if (connection.getStatus() != Connection.Status.CONNECTED || watch == null) {
            return FleetSnapshot.State.DISCONNECTED;
        }
        return mirror.synced() ? FleetSnapshot.State.LIVE : FleetSnapshot.State.SYNCING;
    }

    /** Runs on the view's thread: (re)watches after a reconnect or a failed watch. */
    private void maintain() {
        try {
            if (isClosed()) {
                return;
            }
            if (connection.getStatus() != Connection.Status.CONNECTED) {
                markDown();
                return;
            }
            long now = connection.getStatistics().getReconnects();
            // Publishers write every heartbeat (a third of the max age by default): a watch that heard
            // nothing for two of them may be stuck on a server that died, whatever the connection says.
            boolean quiet = System.nanoTime() - mirror.lastEventNanos() > maxAge.toNanos() * 2 / 3;
            if (watch == null || rewatch || now != reconnects || quiet) {
                rewatch = false;
                reconnects = now;
                watchAgain();
            }
        } catch (RuntimeException e) {
            failures.failed(e);   // keep the schedule alive whatever happens
        }
    }

    private void watchAgain() {
        // The new watch is made before the old one goes, so that a re-watch never shows as an outage:
        // meanwhile the view is syncing, and the old watch's late events are ignored. Making it takes
        // JetStream round trips, during which close() may run: the swap below, under the lock, decides
        // who unsubscribes what, and a watch made for a closed view is unsubscribed here at once.
        NatsKeyValueWatchSubscription fresh = null;
        boolean failed = false;
        try {
            if (bucket == null) {
                bucket = FleetBucket.open(connection, bucketName, configuredMaxAge, replicas, REQUEST_TIMEOUT);
                maxAge = bucket.maxAge();
            }
            fresh = watching.watch(bucket.bucket(), mirror.nextWatch());
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            failed = true;
            if (!isClosed()) {
                markDown();
                failures.failed(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // close() interrupts: it stops the view
            return;
        }
        NatsKeyValueWatchSubscription retired;
        boolean live;
        synchronized (lifecycle) {
            live = !closed && !failed;
            if (closed) {
                retired = fresh;   // close() took the previous watch; this one is never used
            } else {
                retired = watch;
                watch = fresh;
            }
        }
        unsubscribe(retired);
        if (live) {
            downSince = null;
            failures.succeeded();
        }
    }

    private boolean isClosed() {
        synchronized (lifecycle) {
            return closed;
        }
    }

    private static void unsubscribe(@Nullable NatsKeyValueWatchSubscription subscription) {
        if (subscription == null) {
            return;
        }
        // jnats drops, silently, what an interrupted thread sends (its queue's lock is taken
        // interruptibly): the UNSUB would be lost and the watch would live on. close() interrupts
        // the view's thread, so the flag is put aside for the unsubscribe.
        boolean interrupted = Thread.interrupted();
        try {
            subscription.unsubscribe();
        } catch (RuntimeException e) {
            LOG.debug("could not unsubscribe a fleet watch: {}", e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void markDown() {
        if (downSince == null) {
            downSince = clock.instant();
        }
    }

    private void connectionEvent(Connection source, ConnectionListener.Events type) {
        if (isClosed()) {
            return;   // an event delivered while close() removed the listener
        }
        switch (type) {
            case DISCONNECTED, CLOSED -> markDown();
            case RECONNECTED, RESUBSCRIBED, CONNECTED -> {
                rewatch = true;
                try {
                    scheduler.execute(this::maintain);
                } catch (RejectedExecutionException rejected) {
                    // the view was closed
                }
            }
            default -> {
                // other events say nothing about the watch
            }
        }
    }

    /**
     * Stops watching; idempotent, never throws. Wins over whatever the view is doing: a watch being
     * made meanwhile (a re-watch after a reconnect) is unsubscribed as soon as JetStream answers, and
     * is never used. Returns when the view's thread has stopped, waiting at most 5 s for one
     * JetStream request in progress (it is interrupted, and
     * times out after 2 s anyway); afterwards no watch, connection listener or thread of the view is
     * left, and a closed view reports {@link FleetSnapshot.State#DISCONNECTED}. The connection stays
     * open.
     */
    @Override
    public void close() {
        NatsKeyValueWatchSubscription current;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            current = watch;
            watch = null;
        }
        mirror.close();
        try {
            connection.removeConnectionListener(events);
        } catch (RuntimeException e) {
            LOG.debug("could not remove the fleet view's connection listener: {}", e.toString());
        }
        scheduler.shutdownNow();
        if (Thread.currentThread() != thread) {
            awaitTermination();
        }
        unsubscribe(current);
    }

    /** Waits for the view's thread to end, not only for its executor to say so. */
    private void awaitTermination() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
        try {
            Thread viewThread = thread;
            boolean stopped = scheduler.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            if (stopped && viewThread != null) {
                viewThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                stopped = !viewThread.isAlive();
            }
            if (!stopped) {
                LOG.warn("the fleet view of {} did not stop within {} s: a JetStream request is hanging;"
                        + " the watch it makes will be unsubscribed when it returns", bucketName, CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How the view watches its bucket: {@code watchAll}, or a test's hook around it. */
    @FunctionalInterface
    interface Watching {
        NatsKeyValueWatchSubscription watch(KeyValue bucket, KeyValueWatcher watcher)
                throws IOException, JetStreamApiException, InterruptedException;
    }

    /** Builds a {@link FleetView}; not thread-safe. */
    public static final class Builder {
        private final Connection connection;
        private String bucket = FleetPublisher.DEFAULT_BUCKET;
        private Duration maxAge = FleetPublisher.DEFAULT_HEARTBEAT.multipliedBy(FleetPublisher.DEFAULT_MAX_AGE_HEARTBEATS);
        private int replicas = 1;
        private FleetPolicy policy = FleetPolicy.standard();
        private final Map<String, FleetPolicy> policies = new HashMap<>();
        private InstantSource clock = InstantSource.system();
        private Watching watching = (bucket, watcher) -> bucket.watchAll(watcher);

        private Builder(Connection connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
        }

        /**
         * Sets the bucket (default {@value FleetPublisher#DEFAULT_BUCKET}).
         *
         * @param value 1 to 64 letters, digits, {@code -} and {@code _}
         * @return this builder
         * @throws IllegalArgumentException if the name is not a valid bucket name
         */
        public Builder bucket(String value) {
            this.bucket = FleetKeys.bucket(value);
            return this;
        }

        /**
         * Sets the max age used when the view creates the bucket, and when the bucket has none
         * (default 15 s, three default heartbeats). A bucket's own max age wins.
         *
         * @param value the max age
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxAge(Duration value) {
            this.maxAge = FleetBucket.maxAge(value);
            return this;
        }

        /**
         * Sets the bucket's replicas, used when the view creates it (default 1; 3 in a cluster).
         *
         * @param value 1 to 5
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder replicas(int value) {
            this.replicas = FleetBucket.replicas(value);
            return this;
        }

        /**
         * Sets the policy of every service without one of its own (default {@link FleetPolicy#standard()}).
         *
         * @param value the policy
         * @return this builder
         */
        public Builder policy(FleetPolicy value) {
            this.policy = Objects.requireNonNull(value, "policy");
            return this;
        }

        /**
         * Sets one service's policy.
         *
         * @param service the service's name
         * @param value   its policy
         * @return this builder
         */
        public Builder policy(String service, FleetPolicy value) {
            policies.put(FleetKeys.service(service), Objects.requireNonNull(value, "policy"));
            return this;
        }

        /**
         * Sets the clock ages are measured with (default the system clock; the bucket stamps
         * entries with the server's clock).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Replaces how the view watches its bucket; for tests that hold a watch at a chosen point. */
        Builder watching(Watching value) {
            this.watching = Objects.requireNonNull(value, "watching");
            return this;
        }

        /**
         * Builds the view; it watches nothing before {@link FleetView#start()}.
         *
         * @return the view
         */
        public FleetView build() {
            return new FleetView(this);
        }
    }
}
