package io.healthmonitor.nats;

import io.healthmonitor.HealthListener;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthResult;
import io.healthmonitor.Redactor;
import io.healthmonitor.StatusChange;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes health events to NATS, so that a fleet of services can be watched from one place
 * with standard NATS tooling ({@code nats sub 'health.>'}).
 *
 * <ul>
 *   <li>As a {@link HealthListener}, it publishes each status change of a check as a JSON event
 *       to {@code <prefix>.<service>.<check>} (default prefix {@code health});</li>
 *   <li>{@link #publish(HealthReport)} and {@link #publishReports} publish whole report snapshots to
 *       {@code <prefix>.<service>}.</li>
 * </ul>
 *
 * <p>A {@code .} in a check's name becomes {@code _} in its subject token, so that each check is
 * one token. The event schema is documented in {@code docs/checks-nats.md}; every event carries a
 * {@code sequence} number, increasing by one per event of this publisher, so subscribers can see
 * gaps. With {@link Builder#jetStream(String)} events go into a JetStream stream (which the
 * operator creates, capturing {@code <prefix>.>}) with acknowledgement; failures are logged.
 *
 * <p>Events keep the order in which the monitor delivers them: core NATS keeps the order of one
 * connection's publishes. While the connection is reconnecting, jnats buffers them. A publish
 * that fails is logged through slf4j and never thrown into the monitor. Uses the application's
 * connection and never closes it. Immutable apart from the sequence counter, and thread-safe.
 *
 * <pre>{@code
 * NatsHealthEventPublisher events = NatsHealthEventPublisher.builder(connection, "orders").build();
 * HealthMonitor monitor = HealthMonitor.builder().listener(events).register("nats", natsCheck).build();
 * ScheduledFuture<?> snapshots = events.publishReports(monitor::report, scheduler, Duration.ofSeconds(30));
 * }</pre>
 */
public final class NatsHealthEventPublisher implements HealthListener {

    /** The default first token(s) of every subject: {@code health}. */
    public static final String DEFAULT_PREFIX = "health";
    /** The default time JetStream may take to acknowledge an event: two seconds. */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(NatsHealthEventPublisher.class);
    private static final Pattern TOKEN = Pattern.compile("[^\\s.*>]+");
    private static final Pattern PREFIX = Pattern.compile("[^\\s.*>]+(\\.[^\\s.*>]+)*");

    private final Connection connection;
    private final String service;
    private final String prefix;
    private final InstantSource clock;
    private final @Nullable String stream;
    private final @Nullable JetStream jetStream;
    private final Duration ackTimeout;
    private final AtomicLong sequence = new AtomicLong();
    /** Held from numbering an event to handing it to jnats, so sequence order is publish order. */
    private final Object order = new Object();

    private NatsHealthEventPublisher(Builder builder) {
        this.connection = builder.connection;
        this.service = builder.service;
        this.prefix = builder.prefix;
        this.clock = builder.clock;
        this.stream = builder.stream;
        this.ackTimeout = builder.ackTimeout;
        if (stream == null) {
            this.jetStream = null;
        } else {
            try {
                this.jetStream = connection.jetStream();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a JetStream context", e);
            }
        }
    }

    /**
     * Starts building a publisher for {@code service}.
     *
     * @param connection the application's connection
     * @param service    the service's name, one subject token: no whitespace, {@code .}, {@code *} or {@code >}
     * @return a builder
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code service} is not one subject token
     */
    public static Builder builder(Connection connection, String service) {
        return new Builder(connection, service);
    }

    /**
     * Returns the subject a check's status changes are published to.
     *
     * @param check the check's registered name
     * @return {@code <prefix>.<service>.<check>}, with {@code .} in the check's name replaced by {@code _}
     * @throws NullPointerException if {@code check} is null
     */
    public String subject(String check) {
        Objects.requireNonNull(check, "check");
        return prefix + "." + service + "." + check.replace('.', '_');
    }

    /**
     * Returns the subject report snapshots are published to.
     *
     * @return {@code <prefix>.<service>}
     */
    public String reportSubject() {
        return prefix + "." + service;
    }

    /**
     * Publishes the change as a {@code status-change} event; a check's first result only when it is
     * not healthy (a healthy start is no news). Never throws: failures are logged.
     *
     * @param change the change
     */
    @Override
    public void onStatusChange(StatusChange change) {
        if (change.isFirstResult() && !change.isDegradation()) {
            return;
        }
        try {
            String subject = subject(change.check());
            synchronized (order) {
                send(subject, EventJson.statusChange(service, sequence.incrementAndGet(), clock.instant(), change));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not publish the health event of check '{}' to NATS: {}", change.check(),
                    Redactor.redact(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Publishes a report snapshot as a {@code report} event. Never throws: failures are logged.
     *
     * @param report the report
     * @throws NullPointerException if {@code report} is null
     */
    public void publish(HealthReport report) {
        Objects.requireNonNull(report, "report");
        try {
            synchronized (order) {
                send(reportSubject(), EventJson.report(service, sequence.incrementAndGet(), clock.instant(), report));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not publish the health report to NATS: {}", Redactor.redact(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Publishes a report snapshot every {@code interval} on {@code scheduler}, starting now. The
     * report is produced on the scheduler's thread, so it may block there up to the checks' deadlines.
     *
     * @param reports  produces the report, usually {@code monitor::report}
     * @param scheduler the caller's scheduler; the publisher never shuts it down
     * @param interval the time between snapshots
     * @return the scheduled task; cancel it to stop
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public ScheduledFuture<?> publishReports(Supplier<HealthReport> reports, ScheduledExecutorService scheduler,
            Duration interval) {
        Objects.requireNonNull(reports, "reports");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be > 0");
        }
        return scheduler.scheduleAtFixedRate(() -> {
            try {
                publish(reports.get());
            } catch (RuntimeException e) {
                // A throwing supplier must not cancel the schedule.
                LOG.warn("could not produce a health report to publish: {}", Redactor.redact(String.valueOf(e.getMessage())));
            }
        }, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void send(String subject, byte[] event) {
        if (jetStream == null) {
            connection.publish(subject, event);
            return;
        }
        // jnats 2.20 applies no JetStreamOptions request timeout to publishAsync (only its request
        // cleanup interval, 5 s by default), so the ack timeout is applied here.
        jetStream.publishAsync(subject, event, PublishOptions.builder().expectedStream(stream).build())
                .orTimeout(ackTimeout.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((ack, failure) -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException) {
                        LOG.warn("JetStream did not acknowledge the health event on {} in stream {} within {} ms", subject,
                                stream, ackTimeout.toMillis());
                    } else if (cause != null) {
                        LOG.warn("JetStream did not store the health event on {} in stream {}: {}", subject, stream,
                                Redactor.redact(HealthResult.describe(cause)));
                    }
                });
    }

    @Override
    public String toString() {
        return "NatsHealthEventPublisher[" + subject("<check>") + (stream == null ? "" : ", stream=" + stream) + "]";
    }

    /** Builds a {@link NatsHealthEventPublisher}; not thread-safe. */
    public static final class Builder {
        private final Connection connection;
        private final String service;
        private String prefix = DEFAULT_PREFIX;
        private InstantSource clock = InstantSource.system();
        private @Nullable String stream;
        private Duration ackTimeout = DEFAULT_ACK_TIMEOUT;

        private Builder(Connection connection, String service) {
            this.connection = Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(service, "service");
            if (!TOKEN.matcher(service).matches()) {
                throw new IllegalArgumentException("service must be one subject token (no whitespace, '.', '*' or '>'),"
                        + " was '" + service + "'");
            }
            this.service = service;
        }

        /**
         * Sets the first token(s) of every subject (default {@code health}).
         *
         * @param value tokens separated by {@code .}, without wildcards
         * @return this builder
         * @throws NullPointerException     if {@code value} is null
         * @throws IllegalArgumentException if {@code value} is not a subject without wildcards
         */
        public Builder prefix(String value) {
            Objects.requireNonNull(value, "prefix");
            if (!PREFIX.matcher(value).matches()) {
                throw new IllegalArgumentException("prefix must be subject tokens without wildcards, was '" + value + "'");
            }
            this.prefix = value;
            return this;
        }

        /**
         * Publishes into a JetStream stream, with acknowledgement, instead of core NATS. The stream
         * must exist and capture the subjects ({@code <prefix>.>}); the publisher does not create it.
         *
         * @param value the stream's name, checked on every publish
         * @return this builder
         * @throws NullPointerException     if {@code value} is null
         * @throws IllegalArgumentException if {@code value} is blank
         */
        public Builder jetStream(String value) {
            Objects.requireNonNull(value, "jetStream");
            if (value.isBlank()) {
                throw new IllegalArgumentException("jetStream stream name must not be blank");
            }
            this.stream = value;
            return this;
        }

        /**
         * Sets how long JetStream may take to acknowledge an event before it is logged as not
         * acknowledged (default 2 s); unused for core NATS.
         *
         * <p>The publisher is a listener, not a check: no invocation deadline reaches it, so this wait
         * is its own option. It never blocks the monitor: events are handed to jnats and their
         * acknowledgements awaited asynchronously; the timeout only decides when a missing
         * acknowledgement is reported. jnats itself gives up on an unanswered publish after the
         * connection's {@code requestCleanupInterval} (5 s by default), whichever comes first.
         *
         * @param value the longest wait for an acknowledgement
         * @return this builder
         * @throws NullPointerException     if {@code value} is null
         * @throws IllegalArgumentException if {@code value} is not positive
         */
        public Builder ackTimeout(Duration value) {
            Objects.requireNonNull(value, "ackTimeout");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("ackTimeout must be > 0");
            }
            this.ackTimeout = value;
            return this;
        }

        /**
         * Sets the source of the events' {@code publishedAt} (default the system clock).
         *
         * @param value the clock
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Builds the publisher.
         *
         * @return an immutable, thread-safe publisher
         * @throws UncheckedIOException if a JetStream context cannot be created on the connection
         */
        public NatsHealthEventPublisher build() {
            return new NatsHealthEventPublisher(this);
        }
    }
}
