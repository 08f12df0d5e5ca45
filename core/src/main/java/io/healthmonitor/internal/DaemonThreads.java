package io.healthmonitor.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's shared default threads, for everything that was given no executor: daemon threads
 * that die when idle, so the user never has a pool to shut down, and never
 * {@code ForkJoinPool.commonPool()}, which must not run blocking work. Core bounds its own use of
 * them per monitor; checks modules use them for blocking client calls they must abandon at a
 * deadline, and for deadline alarms.
 *
 * <p>The pools outlive whoever first used them (one web application, one Spring context, one
 * devtools restart), so their threads carry the library's own class loader as context class loader,
 * not the one of the thread that happened to create them: an inherited web application's or
 * restart's loader would stay reachable from an idle thread (Tomcat warns "appears to have started a
 * thread ... but has failed to stop it" when its context stops) and leak for as long as a later
 * context keeps the thread busy.
 *
 * <p>Not API: shared by Health Monitor's own modules only, and may change in any release.
 */
public final class DaemonThreads {

    /** Runs checks and delivers events; threads are created on demand and die after 60 s idle. */
    public static final ExecutorService EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), factory("healthmonitor-check-"));

    /** Fires deadlines and background runs; tasks on it must be short: it starts work, it does none. */
    public static final ScheduledExecutorService SCHEDULER = scheduler();

    private DaemonThreads() {
    }

    private static ScheduledExecutorService scheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, factory("healthmonitor-scheduler-"));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setKeepAliveTime(60, TimeUnit.SECONDS);
        scheduler.allowCoreThreadTimeOut(true);
        return scheduler;
    }

    static ThreadFactory factory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        ClassLoader library = DaemonThreads.class.getClassLoader();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(library);
            return thread;
        };
    }
}
