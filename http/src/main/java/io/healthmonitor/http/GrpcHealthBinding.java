package io.healthmonitor.http;

import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.internal.DaemonThreads;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link HealthMonitor} through the gRPC health protocol ({@code grpc.health.v1.Health},
 * Check and Watch) by keeping grpc-java's {@link HealthStatusManager} in step with it:
 *
 * <table>
 *   <caption>Services</caption>
 *   <tr><th>service name</th><th>status of</th></tr>
 *   <tr><td>{@code ""}</td><td>every check, as {@code /health}</td></tr>
 *   <tr><td>{@code liveness}</td><td>the {@code liveness} group, checks without a first result left out, as {@code /health/live}</td></tr>
 *   <tr><td>{@code readiness}, {@code startup}</td><td>those groups, as {@code /health/ready} and {@code /health/started}</td></tr>
 *   <tr><td>any other tag</td><td>that group, as {@code /health/group/{name}}</td></tr>
 * </table>
 *
 * <p>Healthy and degraded are {@code SERVING}; unhealthy is {@code NOT_SERVING}, and so is "not
 * ready" (a check without a first result) everywhere but in {@code liveness}: the same answers as
 * the HTTP endpoints' 200 and 503. The three standard groups are served even when no check carries
 * them (then {@code SERVING}, like an empty group over HTTP); any other name is {@code NOT_FOUND}
 * for Check and {@code SERVICE_UNKNOWN} for Watch, unless the application sets it itself.
 *
 * <pre>{@code
 * HealthStatusManager health = new HealthStatusManager();
 * GrpcHealthBinding binding = GrpcHealthBinding.builder(monitor, health).build().start();
 * Server server = ServerBuilder.forPort(9090).addService(binding.healthService()).build().start();
 * }</pre>
 *
 * <p>Serve {@link #healthService()} rather than the manager's own service: it is the same Check and
 * Watch, with limits that keep a client from holding the server's memory (service names of at most
 * {@link #MAX_SERVICE_NAME_LENGTH} characters, at most {@link Builder#maxWatchers(int) maxWatchers}
 * Watch streams at once), and {@link #close()} ends its Watch streams, which otherwise stay open
 * until their clients leave and hold up the server's {@code shutdown()}.
 *
 * <p>A monitor tells no one when a result changes, so the binding asks it for a report every
 * {@link Builder#interval(Duration) interval} (running on-demand checks as a request would, within
 * their cache) and sets the statuses that changed; Watch streams see a change within one interval.
 * The report is taken on the {@link Builder#executor(Executor) executor}, never on the scheduler's
 * thread. The manager remains the application's: the binding sets only the services above, and
 * neither {@link #close()} nor anything else calls {@link HealthStatusManager#enterTerminalState()}.
 *
 * <p>Thread-safe.
 */
public final class GrpcHealthBinding implements AutoCloseable {

    /** The default time between two reports. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** The service name of the overall status. */
    public static final String ALL_SERVICES = HealthStatusManager.SERVICE_NAME_ALL_SERVICES;
    /**
     * The longest service name {@link #healthService()} looks up, in characters; a longer one is
     * answered {@code INVALID_ARGUMENT}, by Check and Watch alike.
     */
    public static final int MAX_SERVICE_NAME_LENGTH = 512;
    /** The default number of Watch streams that {@link #healthService()} keeps open at once. */
    public static final int DEFAULT_MAX_WATCHERS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(GrpcHealthBinding.class);
    private static final List<String> STANDARD_GROUPS =
            List.of(CheckRegistration.LIVENESS, CheckRegistration.READINESS, CheckRegistration.STARTUP);

    private final HealthMonitor monitor;
    private final HealthStatusManager statuses;
    private final Set<String> groups;
    private final long intervalNanos;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final GrpcHealthService service;

    // Guarded by this: whether start() and close() were called, the next poll's alarm, and whether
    // the executor refused the last poll (to log a run of refusals once).
    private boolean started;
    private boolean closed;
    private boolean refused;
    private @Nullable ScheduledFuture<?> next;

    private GrpcHealthBinding(Builder builder) {
        this.monitor = builder.monitor;
        this.statuses = builder.statuses;
        Set<String> names = new LinkedHashSet<>(STANDARD_GROUPS);
        names.addAll(monitor.groups());
        this.groups = Collections.unmodifiableSet(names);
        this.intervalNanos = builder.interval.toNanos();
        this.executor = builder.executor;
        this.scheduler = builder.scheduler;
        this.service = new GrpcHealthService(statuses, builder.maxWatchers);
    }

    /**
     * Starts a binding.
     *
     * @param monitor  the monitor whose statuses to serve
     * @param statuses the application's health status manager, whose {@code getHealthService()} its server serves
     * @return a builder with the default interval, executor and scheduler
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(HealthMonitor monitor, HealthStatusManager statuses) {
        return new Builder(monitor, statuses);
    }

    /**
     * Returns the health service to add to the server, in place of the manager's
     * {@code getHealthService()}: the manager's Check and Watch, with these limits:
     * <ul>
     *   <li>a service name longer than {@link #MAX_SERVICE_NAME_LENGTH} characters is answered
     *       {@code INVALID_ARGUMENT} (no service can have it, and the manager would keep it as long as
     *       the Watch stream that asked);
     *   <li>a Watch stream beyond {@link Builder#maxWatchers(int) maxWatchers} open at once is
     *       answered {@code RESOURCE_EXHAUSTED} at once;
     *   <li>once the binding is {@link #close() closed}, every Watch stream, open or new, ends with
     *       {@code UNAVAILABLE}; Check keeps answering from the manager.
     * </ul>
     * The same definition every time; it may be added to several servers, which then share the limit.
     *
     * @return the service definition
     */
    public ServerServiceDefinition healthService() {
        return service.definition();
    }

    /** The Watch streams open through {@link #healthService()} now, for tests. */
    int watchers() {
        return service.watchers();
    }

    /**
     * Returns the service names this binding sets: {@code ""} for the overall status, then the
     * three standard groups and every other tag of the monitor's checks.
     *
     * @return an unmodifiable set of service names, in that order
     */
    public Set<String> services() {
        Set<String> services = new LinkedHashSet<>();
        services.add(ALL_SERVICES);
        services.addAll(groups);
        return Collections.unmodifiableSet(services);
    }

    /**
     * Sets every service's status from a first report, on the calling thread, then polls every
     * interval. Returns once the first statuses are set, which takes as long as a report: at most
     * the monitor's longest deadline.
     *
     * @return this binding
     * @throws IllegalStateException if the binding was already started or closed
     */
    public GrpcHealthBinding start() {
        synchronized (this) {
            if (started || closed) {
                throw new IllegalStateException(closed ? "the binding is closed" : "the binding is already started");
            }
            started = true;
        }
        update();
        scheduleNext();
        return this;
    }

    /**
     * Stops polling and ends the Watch streams of {@link #healthService()} with {@code UNAVAILABLE};
     * idempotent. Once it returns the binding sets no status again, even from a report that was under
     * way: the statuses keep their last values and are the application's to set. When the server
     * shuts down, call {@link HealthStatusManager#enterTerminalState()} first, as grpc-java
     * recommends, so that Watch streams see {@code NOT_SERVING} before they end.
     */
    @Override
    public void close() {
        ScheduledFuture<?> pending;
        synchronized (this) {
            closed = true;
            pending = next;
            next = null;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        service.close();
    }

    private void scheduleNext() {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                next = scheduler.schedule(this::dispatch, intervalNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                closed = true;
                LOG.error("gRPC health statuses are no longer updated: the scheduler refused the next poll (shut down?)");
            }
        }
    }

    // Runs on the scheduler, which only starts work: the report runs on the executor.
    private void dispatch() {
        try {
            executor.execute(this::poll);
        } catch (RejectedExecutionException e) {
            if (executor instanceof ExecutorService service && service.isShutdown()) {
                synchronized (this) {
                    closed = true;
                }
                LOG.error("gRPC health statuses are no longer updated: the executor is shut down");
                return;
            }
            // A busy executor refuses now and takes work later: freezing the statuses for good would
            // leave Watch streams and probes SERVING whatever the checks say from then on.
            boolean first;
            synchronized (this) {
                first = !refused;
                refused = true;
            }
            if (first) {
                LOG.warn("gRPC health statuses not updated: the executor refused the poll ({}); trying again every interval", e.getMessage());
            }
            scheduleNext();
        }
    }

    private void poll() {
        try {
            boolean recovered;
            synchronized (this) {
                if (closed) {
                    return;
                }
                recovered = refused;
                refused = false;
            }
            if (recovered) {
                LOG.info("gRPC health statuses updated again: the executor took the poll");
            }
            update();
        } catch (RuntimeException e) {
            LOG.error("gRPC health statuses not updated this time", e);
        } finally {
            scheduleNext();
        }
    }

    private void update() {
        HealthReport report = monitor.report();
        Map<String, ServingStatus> serving = new LinkedHashMap<>();
        serving.put(ALL_SERVICES, servingStatus(report));
        for (String group : groups) {
            List<CheckResult> checks = report.checks().stream().filter(check -> check.tags().contains(group)).toList();
            HealthReport groupReport = HealthReport.of(report.timestamp(), report.duration(), checks);
            // A check without a first result says nothing about whether the process is alive.
            serving.put(group, servingStatus(CheckRegistration.LIVENESS.equals(group) ? groupReport.checkedOnly() : groupReport));
        }
        synchronized (this) {
            // A report can outlast close(): its statuses would overwrite what the application set since.
            if (closed) {
                return;
            }
            // The manager tells Watch streams only about services whose status changed.
            serving.forEach(statuses::setStatus);
        }
    }

    private static ServingStatus servingStatus(HealthReport report) {
        return report.ready() && report.status() != HealthStatus.UNHEALTHY ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    }

    /** Builds a {@link GrpcHealthBinding}; not thread-safe. */
    public static final class Builder {
        private final HealthMonitor monitor;
        private final HealthStatusManager statuses;
        private Duration interval = DEFAULT_INTERVAL;
        private Executor executor = DaemonThreads.EXECUTOR;
        private ScheduledExecutorService scheduler = DaemonThreads.SCHEDULER;
        private int maxWatchers = DEFAULT_MAX_WATCHERS;

        private Builder(HealthMonitor monitor, HealthStatusManager statuses) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            this.statuses = Objects.requireNonNull(statuses, "statuses");
        }

        /**
         * Sets the time from the end of one report to the start of the next (default
         * {@link #DEFAULT_INTERVAL}): the longest a Watch stream waits to see a change.
         *
         * @param value the interval
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is not positive
         */
        public Builder interval(Duration value) {
            Objects.requireNonNull(value, "interval");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("interval must be > 0");
            }
            this.interval = value;
            return this;
        }

        /**
         * Sets the executor that takes the reports (default: the library's daemon threads). A poll it
         * refuses is tried again one interval later (logged once per run of refusals); the binding
         * stops for good only when the executor is an {@link ExecutorService} that is shut down.
         *
         * @param value the executor; {@code Runnable::run} takes them on the scheduler's thread
         * @return this builder
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * Sets the scheduler that times the reports (default: the library's daemon scheduler). It
         * is not shut down by the binding.
         *
         * @param value the scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /**
         * Sets how many Watch streams {@link GrpcHealthBinding#healthService()} keeps open at once
         * (default {@link #DEFAULT_MAX_WATCHERS}); one more is answered {@code RESOURCE_EXHAUSTED}.
         * Each costs the server a few kilobytes until its client leaves. A client that watches with
         * grpc-java's client-side health checking holds one per server connection and service.
         *
         * @param value the maximum
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is not positive
         */
        public Builder maxWatchers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxWatchers must be > 0");
            }
            this.maxWatchers = value;
            return this;
        }

        /**
         * Builds the binding, not started.
         *
         * @return the binding; call {@link GrpcHealthBinding#start()}
         */
        public GrpcHealthBinding build() {
            return new GrpcHealthBinding(this);
        }
    }
}
