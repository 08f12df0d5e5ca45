package io.healthmonitor.http;

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
 * Server server = ServerBuilder.forPort(9090).addService(health.getHealthService()).build().start();
 * GrpcHealthBinding binding = GrpcHealthBinding.builder(monitor, health).build().start();
 * }</pre>
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

    private static final Logger LOG = LoggerFactory.getLogger(GrpcHealthBinding.class);
    private static final List<String> STANDARD_GROUPS =
            List.of(CheckRegistration.LIVENESS, CheckRegistration.READINESS, CheckRegistration.STARTUP);

    private final HealthMonitor monitor;
    private final HealthStatusManager statuses;
    private final Set<String> groups;
    private final long intervalNanos;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;

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
     * Stops polling; idempotent. Once it returns the binding sets no status again, even from a
     * report that was under way: the statuses keep their last values and are the application's to
     * set. When the server shuts down, call {@link HealthStatusManager#enterTerminalState()} as
     * grpc-java recommends.
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
         * Builds the binding, not started.
         *
         * @return the binding; call {@link GrpcHealthBinding#start()}
         */
        public GrpcHealthBinding build() {
            return new GrpcHealthBinding(this);
        }
    }
}
