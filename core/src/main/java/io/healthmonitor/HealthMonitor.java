package io.healthmonitor;

import io.healthmonitor.internal.DaemonThreads;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Runs registered health checks and produces {@link HealthReport}s.
 *
 * <p>Every check of a report runs concurrently and off the requesting thread, so a report takes
 * as long as its slowest check, and never longer than the largest deadline: a check that misses
 * its deadline is reported unhealthy at the deadline and interrupted, and is not started again
 * while it still runs. Each invocation learns its deadline from its {@link CheckContext}.
 * On-demand checks cache their result, share one invocation among concurrent requests and refresh
 * ahead: a report is answered from the previous result while the next one is being produced
 * ({@link Schedule}). Background checks run on a schedule and reports serve their latest result.
 * A check that throws or returns null is reported unhealthy: {@link #report()} never throws
 * because of a check.
 *
 * <p>Every check runs once as soon as the monitor is built, on the monitor's executor, with its
 * start-up deadline ({@link CheckRegistration#startupTimeout()}). A report waits for that first
 * result no longer than for any other; until it comes, the check is shown "not yet checked" and
 * the report is not {@link HealthReport#ready() ready}. Checks that the executor runs trivially
 * fast are run by one worker per report, in a batch, so a report of many trivial checks pays one
 * thread hand-off rather than one per check.
 *
 * <pre>{@code
 * HealthMonitor monitor = HealthMonitor.builder()
 *     .register("database", DataSourceHealthCheck.of(dataSource))
 *     .register(CheckRegistration.builder("redis", redisCheck).critical(false).timeout(Duration.ofSeconds(1)).build())
 *     .build();
 * HealthReport report = monitor.report();
 * }</pre>
 *
 * <p>A monitor is immutable once built and thread-safe. It is itself a {@link HealthCheck}, so
 * monitors nest. Its threads are daemon threads that die when idle unless an executor is given;
 * {@link #close()} only stops background scheduling, and is needed only for monitors with
 * background checks that are discarded before the JVM exits.
 */
public final class HealthMonitor implements HealthCheck, AutoCloseable {

    /** The default bound on checks running at once in one monitor. */
    public static final int DEFAULT_MAX_CONCURRENCY = 64;

    private static final int MAX_HISTORY_ENTRIES = 100_000;

    private final Map<String, CheckRunner> runners;
    /** The runners in registration order, for the report loop. */
    private final CheckRunner[] ordered;
    private final InstantSource clock;
    private final List<ScheduledFuture<?>> backgroundRuns;
    private final BoundedExecutor executor;
    private final HistoryRecorder history;

    private HealthMonitor(Builder builder) {
        this.clock = builder.clock;
        Executor delegate = builder.executor == null ? DaemonThreads.EXECUTOR : builder.executor;
        ScheduledExecutorService scheduler = builder.scheduler == null ? DaemonThreads.SCHEDULER : builder.scheduler;
        this.executor = new BoundedExecutor(delegate, builder.maxConcurrency);
        Listeners listeners = new Listeners(delegate, builder.listeners);
        List<CheckRegistration> registrations = List.copyOf(builder.registrations.values());
        this.history = new HistoryRecorder(registrations, builder.historyWindow, builder.historyEntries, clock);
        Map<String, CheckRunner> byName = new LinkedHashMap<>();
        for (int i = 0; i < registrations.size(); i++) {
            CheckRegistration registration = registrations.get(i);
            byName.put(registration.name(),
                    new CheckRunner(registration, executor, scheduler, clock, listeners, history, i));
        }
        this.runners = Collections.unmodifiableMap(byName);
        this.ordered = byName.values().toArray(new CheckRunner[0]);
        List<ScheduledFuture<?>> scheduled = new ArrayList<>();
        for (CheckRunner runner : runners.values()) {
            if (runner.registration().schedule() instanceof Schedule.Background background) {
                long interval = background.interval().toNanos();
                scheduled.add(scheduler.scheduleAtFixedRate(runner::runInBackground, 0, interval, TimeUnit.NANOSECONDS));
            }
        }
        this.backgroundRuns = List.copyOf(scheduled);
        runners.values().forEach(CheckRunner::start);
    }

    /**
     * Starts building a monitor.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every check (or serves its cached or background result) and aggregates the results.
     * Safe to call from many threads at once: they share invocations.
     *
     * @return the report; never null, and never later than the largest deadline plus a few milliseconds
     */
    public HealthReport report() {
        return report(runner -> true);
    }

    /**
     * Runs the checks of one group (tag), such as {@link CheckRegistration#READINESS}.
     *
     * @param group the tag
     * @return the group's report; healthy and empty when no check carries the tag
     * @throws NullPointerException if {@code group} is null
     */
    public HealthReport report(String group) {
        Objects.requireNonNull(group, "group");
        return report(registration -> registration.tags().contains(group));
    }

    /**
     * Runs one check (or serves its cached or background result).
     *
     * @param name the check's registered name
     * @return its result, or empty when no check has that name
     * @throws NullPointerException if {@code name} is null
     */
    public Optional<CheckResult> check(String name) {
        Objects.requireNonNull(name, "name");
        if (!runners.containsKey(name)) {
            return Optional.empty();
        }
        return report(registration -> registration.name().equals(name)).check(name);
    }

    /**
     * Waits until every check has its first result, the moment reports become
     * {@link HealthReport#ready() ready}: for tests and for applications that want their first
     * report to be complete. Every check runs once when the monitor is built, so this returns by the
     * longest start-up deadline at the latest.
     *
     * @param timeout how long to wait at most
     * @return true when every check has a first result, false when the timeout passed first
     * @throws InterruptedException     if the thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CheckRunner runner : runners.values()) {
            try {
                runner.firstResult().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("first results never fail", e);
            }
        }
        return true;
    }

    /**
     * Returns the registered checks' names, in registration order.
     *
     * @return an unmodifiable set of names
     */
    public Set<String> names() {
        return runners.keySet();
    }

    /**
     * Returns every tag that at least one check carries.
     *
     * @return an unmodifiable set of groups
     */
    public Set<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        runners.values().forEach(runner -> groups.addAll(runner.registration().tags()));
        return Collections.unmodifiableSet(groups);
    }

    /**
     * Returns the registrations, in registration order.
     *
     * @return an unmodifiable list
     */
    public List<CheckRegistration> registrations() {
        return runners.values().stream().map(CheckRunner::registration).toList();
    }

    /**
     * Returns what the checks did recently: per check its status changes and the response times
     * of its invocations, and the overall status over time ({@link Builder#history(Duration, int)}).
     * Takes a copy and never runs a check.
     *
     * @return a snapshot as of now, by the monitor's clock
     */
    public HealthHistory history() {
        return history.snapshot(ordered);
    }

    /**
     * Returns how many check invocations are running now, hung ones included; at most the
     * configured max concurrency.
     *
     * @return the number of running invocations
     */
    public int runningChecks() {
        return executor.active();
    }

    /**
     * Runs this monitor's checks as one check of an enclosing monitor: the status is this
     * monitor's overall status, the details map each check's name to its status. The checks keep
     * their own deadlines; give the enclosing registration a timeout at least as long as the longest.
     *
     * @param context the enclosing monitor's context
     * @return the aggregated result
     */
    @Override
    public HealthResult check(CheckContext context) {
        HealthReport report = report();
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> failing = new ArrayList<>();
        for (CheckResult check : report.checks()) {
            details.put(check.name(), check.status().label());
            if (check.status() != HealthStatus.HEALTHY) {
                failing.add(check.name() + " (" + check.status().label() + ")");
            }
        }
        String message = failing.isEmpty() ? null
                : failing.size() + " of " + report.checks().size() + " checks not healthy: " + String.join(", ", failing);
        return new HealthResult(report.status(), message, details, null);
    }

    /**
     * Stops background scheduling. Reports still work; background checks then become stale.
     * Idempotent. Shuts down no executor: the ones given to the builder remain the caller's.
     */
    @Override
    public void close() {
        backgroundRuns.forEach(run -> run.cancel(false));
    }

    private HealthReport report(Predicate<CheckRegistration> filter) {
        return new ReportRun(executor, clock).run(ordered, filter);
    }

    /** Builds a {@link HealthMonitor}; not thread-safe. */
    public static final class Builder {
        private final Map<String, CheckRegistration> registrations = new LinkedHashMap<>();
        private final List<HealthListener> listeners = new ArrayList<>(List.of(HealthListener.logging()));
        private InstantSource clock = InstantSource.system();
        private Executor executor;
        private ScheduledExecutorService scheduler;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private Duration historyWindow = HealthHistory.DEFAULT_WINDOW;
        private int historyEntries = HealthHistory.DEFAULT_ENTRIES;

        private Builder() {
        }

        /**
         * Registers a check, blocking or {@link AsyncHealthCheck}, with the defaults: critical, 2 s
         * deadline (10 s for the first invocation), on demand with a 1 s cache.
         *
         * @param name  a unique name
         * @param check the check
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or already registered
         */
        public Builder register(String name, HealthCheck check) {
            return register(CheckRegistration.builder(name, check).build());
        }

        /**
         * Registers a check with its options.
         *
         * @param registration the registration
         * @return this builder
         * @throws IllegalArgumentException if a check of that name is already registered
         */
        public Builder register(CheckRegistration registration) {
            Objects.requireNonNull(registration, "registration");
            if (registrations.putIfAbsent(registration.name(), registration) != null) {
                throw new IllegalArgumentException("a check named '" + registration.name() + "' is already registered");
            }
            return this;
        }

        /**
         * Adds a listener for status changes. The logging listener ({@link HealthListener#logging()})
         * is registered by default; see {@link #logTransitions(boolean)}.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(HealthListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets whether status changes are logged through slf4j (default true).
         *
         * @param enabled false to not register {@link HealthListener#logging()}
         * @return this builder
         */
        public Builder logTransitions(boolean enabled) {
            listeners.remove(HealthListener.logging());
            if (enabled) {
                listeners.add(0, HealthListener.logging());
            }
            return this;
        }

        /**
         * Sets the source of wall time for timestamps, cache TTLs and staleness (default the system clock).
         *
         * @param value a {@link java.time.Clock} or any instant source
         * @return this builder
         */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets the executor that runs checks and delivers events. Default: shared daemon threads
         * that die when idle (never the common pool). The monitor never shuts it down. Tests may
         * pass {@code Runnable::run}; a report then runs checks one after another on the caller's thread.
         *
         * @param value the executor
         * @return this builder
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * Sets the scheduler that fires deadlines and background runs; it only starts work.
         * Default: one shared daemon thread. The monitor never shuts it down.
         *
         * @param value the scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /**
         * Sets how many checks may run at once (default 64); more wait their turn within their deadline.
         *
         * @param value the bound
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is below 1
         */
        public Builder maxConcurrency(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConcurrency must be >= 1");
            }
            this.maxConcurrency = value;
            return this;
        }

        /**
         * Sets how much {@link HealthMonitor#history() history} is kept per check: the changes and
         * the samples of the last {@code window}, at most {@code entries} of each (default: one
         * hour, 1,000). A sample takes 17 bytes; a change a few dozen plus its (cut) message.
         *
         * @param window  how far back to keep changes and samples
         * @param entries the most changes, and the most samples, kept per check; 0 keeps none
         * @return this builder
         * @throws IllegalArgumentException if {@code window} is not positive, or {@code entries} is
         *                                  negative or above 100,000
         */
        public Builder history(Duration window, int entries) {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("history window must be > 0");
            }
            if (entries < 0 || entries > MAX_HISTORY_ENTRIES) {
                throw new IllegalArgumentException("history entries must be between 0 and " + MAX_HISTORY_ENTRIES
                        + ", was " + entries);
            }
            this.historyWindow = window;
            this.historyEntries = entries;
            return this;
        }

        /**
         * Builds the monitor and starts its background checks.
         *
         * @return an immutable, thread-safe monitor
         */
        public HealthMonitor build() {
            return new HealthMonitor(this);
        }
    }
}
