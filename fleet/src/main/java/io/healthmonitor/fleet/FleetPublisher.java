package io.healthmonitor.fleet;

import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthListener;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.StatusChange;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this instance's latest report summary (overall and per-check status, time, version)
 * into the fleet's JetStream key-value bucket, under the key {@code <service>.<instance>}: at every
 * status change of a check and at a heartbeat (default {@value #DEFAULT_HEARTBEAT_SECONDS} s). The
 * bucket's max age (default three heartbeats) makes the entry of an instance that stopped
 * publishing expire on its own; {@link #close()} deletes the entry at once.
 *
 * <pre>{@code
 * FleetPublisher fleet = FleetPublisher.builder(connection, "orders").version("1.4.2").build();
 * HealthMonitor monitor = HealthMonitor.builder().register("db", dbCheck).listener(fleet).build();
 * fleet.start(monitor::report);
 * }</pre>
 *
 * <p>Publishing never blocks a report or the listener's caller: summaries are produced and
 * written on the publisher's own daemon thread (or the given scheduler), one write at a time, and
 * status changes that arrive while one is pending are coalesced into one write of the latest
 * summary. A write that fails is tried again soon, not only at the next heartbeat: after 250 ms,
 * then after twice as long each time, at most a quarter of the heartbeat (and 5 s), until one
 * succeeds. A failing write is logged once when writes start failing and once when they work
 * again, never per attempt. The bucket is created when it does not exist. Uses the application's
 * connection and never closes it. Thread-safe.
 */
public final class FleetPublisher implements HealthListener, AutoCloseable {

    /** The default bucket: {@code healthmonitor-fleet}. */
    public static final String DEFAULT_BUCKET = "healthmonitor-fleet";
    /** The default heartbeat, in seconds. */
    public static final long DEFAULT_HEARTBEAT_SECONDS = 5;
    /** The default heartbeat: five seconds. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(DEFAULT_HEARTBEAT_SECONDS);
    /** How many heartbeats an entry lives without being written again, by default. */
    public static final int DEFAULT_MAX_AGE_HEARTBEATS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(FleetPublisher.class);

    private final Connection connection;
    private final String service;
    private final String instance;
    private final String key;
    private final String bucketName;
    private final Duration heartbeat;
    private final Duration maxAge;
    private final int replicas;
    private final @Nullable String version;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final FailureLog failures;
    private final WriteLoop writes;
    private final Object writing = new Object();
    private volatile @Nullable Supplier<HealthReport> reports;
    private volatile @Nullable ScheduledFuture<?> heartbeats;
    private volatile boolean closed;
    private FleetBucket.@Nullable Opened bucket;

    private FleetPublisher(Builder builder) {
        this.connection = builder.connection;
        this.service = builder.service;
        this.instance = builder.instance == null ? FleetKeys.sanitizeInstance(FleetKeys.hostName()) : builder.instance;
        this.key = FleetKeys.key(service, instance);
        this.bucketName = builder.bucket;
        this.heartbeat = builder.heartbeat;
        this.maxAge = builder.maxAge == null ? heartbeat.multipliedBy(DEFAULT_MAX_AGE_HEARTBEATS) : builder.maxAge;
        this.replicas = builder.replicas;
        this.version = builder.version;
        this.clock = builder.clock;
        this.ownScheduler = builder.scheduler == null;
        this.scheduler = ownScheduler ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "healthmonitor-fleet-" + key);
            thread.setDaemon(true);
            return thread;
        }) : builder.scheduler;
        this.failures = new FailureLog(LOG, "publishing the health of " + key + " to the NATS bucket " + bucketName);
        this.writes = new WriteLoop(scheduler, this::publishQuietly, heartbeat);
    }

    /**
     * Starts building a publisher.
     *
     * @param connection the application's connection; never closed here
     * @param service    the service's name: 1 to 64 letters, digits and {@code - / _ =} (no dot)
     * @return a builder
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code service} breaks the key rules
     */
    public static Builder builder(Connection connection, String service) {
        return new Builder(connection, service);
    }

    /**
     * Checks an instance id against the key rules, for ids read from configuration at start-up.
     *
     * @param id the id
     * @return {@code id}
     * @throws IllegalArgumentException if the id breaks the rules; the message says which
     */
    public static String validInstance(String id) {
        return FleetKeys.instance(id);
    }

    /**
     * Makes a valid instance id of anything, such as a host name: characters a key does not allow
     * become {@code _}, leading and trailing dots go, and it is cut to 128 characters.
     *
     * @param raw the raw id
     * @return a valid id
     */
    public static String sanitizedInstance(String raw) {
        return FleetKeys.sanitizeInstance(Objects.requireNonNull(raw, "raw"));
    }

    /**
     * Returns the instance's id: the configured one, or else the host name with characters a key
     * does not allow replaced by {@code _}.
     *
     * @return the id
     */
    public String instance() {
        return instance;
    }

    /**
     * Returns the key this instance writes.
     *
     * @return {@code <service>.<instance>}
     */
    public String key() {
        return key;
    }

    /**
     * Publishes now (in the background) and then at every heartbeat. Call once, after building the
     * monitor the publisher listens to.
     *
     * @param reports produces the report to summarize, usually {@code monitor::report}; called on
     *                the publisher's thread
     * @throws NullPointerException  if {@code reports} is null
     * @throws IllegalStateException if already started or closed
     */
    public void start(Supplier<HealthReport> reports) {
        Objects.requireNonNull(reports, "reports");
        synchronized (writing) {
            if (this.reports != null || closed) {
                throw new IllegalStateException("the fleet publisher of " + key + " was already started or closed");
            }
            this.reports = reports;
            this.heartbeats = scheduler.scheduleAtFixedRate(writes::request, 0, heartbeat.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Schedules a write of the summary; returns at once. Changes that arrive while a write is
     * pending or under way are coalesced into one write of the latest summary.
     *
     * @param change the change
     */
    @Override
    public void onStatusChange(StatusChange change) {
        if (reports != null && !closed) {
            writes.request();
        }
    }

    /**
     * Writes the current summary now, on the calling thread; for tests and tools. Blocks at most
     * for the report and one JetStream acknowledgement (bounded by the heartbeat, at most 2 s). A
     * failure is retried in the background like any other write's; a success ends such retries.
     *
     * @return true when the bucket acknowledged the write
     * @throws IllegalStateException if not started
     */
    public boolean publish() {
        if (reports == null) {
            throw new IllegalStateException("start the fleet publisher of " + key + " first");
        }
        boolean acknowledged = publishQuietly();
        writes.written(acknowledged);
        return acknowledged;
    }

    private boolean publishQuietly() {
        Supplier<HealthReport> source = reports;
        if (source == null || closed) {
            return false;
        }
        synchronized (writing) {
            if (closed) {
                return false;   // closed while this write waited for the lock: the deleted entry stays deleted
            }
            try {
                byte[] value = SummaryJson.write(summary(source.get()));
                if (closed) {
                    return false;   // closed while the report was taken
                }
                opened().bucket().put(key, value);
                failures.succeeded();
                return true;
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                failures.failed(e);
                return false;
            }
        }
    }

    private Summary summary(HealthReport report) {
        Map<String, HealthStatus> checks = new LinkedHashMap<>();
        for (CheckResult check : report.checks()) {
            checks.put(check.name(), check.status());
        }
        return new Summary(service, instance, report.status(), checks, clock.instant(), version, heartbeat, false);
    }

    private FleetBucket.Opened opened() throws IOException, JetStreamApiException {
        if (bucket == null) {
            bucket = FleetBucket.open(connection, bucketName, maxAge, replicas, FleetBucket.requestTimeout(heartbeat));
        }
        return bucket;
    }

    /**
     * Stops the heartbeat and the retries and deletes this instance's entry (best effort, bounded
     * by the request timeout), so that the fleet sees a graceful shutdown at once; no write is made
     * after it, not even one that was already waiting. Idempotent; leaves a scheduler given to the
     * builder running.
     */
    @Override
    public void close() {
        writes.close();
        ScheduledFuture<?> running;
        synchronized (writing) {
            if (closed) {
                return;
            }
            closed = true;
            running = heartbeats;
            if (running != null) {
                running.cancel(false);
                try {
                    if (bucket != null) {
                        bucket.bucket().delete(key);
                    }
                } catch (IOException | JetStreamApiException | RuntimeException e) {
                    LOG.debug("could not delete the fleet entry {}: {}", key, e.toString());
                }
            }
        }
        if (ownScheduler) {
            scheduler.shutdownNow();
        }
    }

    /** Builds a {@link FleetPublisher}; not thread-safe. */
    public static final class Builder {
        private final Connection connection;
        private final String service;
        private @Nullable String instance;
        private String bucket = DEFAULT_BUCKET;
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private @Nullable Duration maxAge;
        private int replicas = 1;
        private @Nullable String version;
        private InstantSource clock = InstantSource.system();
        private @Nullable ScheduledExecutorService scheduler;

        private Builder(Connection connection, String service) {
            this.connection = Objects.requireNonNull(connection, "connection");
            this.service = FleetKeys.service(service);
        }

        /**
         * Sets the instance's id (default: the host name, sanitized).
         *
         * @param value 1 to 128 letters, digits and {@code - / _ = .}, not starting or ending with a dot
         * @return this builder
         * @throws IllegalArgumentException if the id breaks the key rules; the message says which
         */
        public Builder instance(String value) {
            this.instance = FleetKeys.instance(value);
            return this;
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
         * Sets how often the summary is written when nothing changes (default 5 s). A failed write
         * is tried again sooner: after 250 ms, then doubling, at most a quarter of the heartbeat.
         *
         * @param value the heartbeat, at least 100 ms
         * @return this builder
         * @throws IllegalArgumentException if shorter than 100 ms
         */
        public Builder heartbeat(Duration value) {
            if (Objects.requireNonNull(value, "heartbeat").toMillis() < 100) {
                throw new IllegalArgumentException("heartbeat must be >= 100 ms, was " + value);
            }
            this.heartbeat = value;
            return this;
        }

        /**
         * Sets the max age of the bucket's entries, used when this publisher creates the bucket
         * (default three heartbeats). A bucket that exists keeps its own.
         *
         * @param value the max age, longer than the heartbeat
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxAge(Duration value) {
            this.maxAge = FleetBucket.maxAge(value);
            return this;
        }

        /**
         * Sets the bucket's replicas, used when this publisher creates it (default 1; 3 in a cluster).
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
         * Sets the application's version, shown in the fleet view (default none).
         *
         * @param value the version; longer than 128 characters is cut
         * @return this builder
         */
        public Builder version(@Nullable String value) {
            this.version = value;
            return this;
        }

        /**
         * Sets the clock that stamps summaries (default the system clock).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Runs heartbeats and writes on the caller's scheduler rather than on a daemon thread of
         * the publisher's own: for processes that publish for many instances.
         *
         * @param value the scheduler; never shut down here
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /**
         * Builds the publisher; nothing is written before {@link FleetPublisher#start(Supplier)}.
         *
         * @return the publisher
         */
        public FleetPublisher build() {
            return new FleetPublisher(this);
        }
    }
}
