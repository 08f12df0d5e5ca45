package io.healthmonitor.benchmarks.fleet;

import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthReport;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.fleet.FleetInstance;
import io.healthmonitor.fleet.FleetPublisher;
import io.healthmonitor.fleet.FleetSnapshot;
import io.healthmonitor.fleet.FleetView;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * 1,000 simulated instances (by default) publishing into one bucket at the default heartbeat (5 s),
 * their starts spread over one heartbeat, on a private nats-server with JetStream (or the server
 * given as the first argument), and one view watching them. Prints: the publisher's CPU time and
 * allocation per publish (its threads only: summary, JSON, put and acknowledgement), the view's
 * update latency (a probe instance flips its status: from before its put to the moment
 * {@code view.instance(..)} shows it, p50/p99), the cost of one snapshot and its JSON, and the
 * nats-server's CPU; it names the {@code jcmd} command that shows the view's heap while it runs. Run once, not a unit test:
 *
 * <pre>
 * java -Xms512m -Xmx512m -cp benchmarks/target/benchmarks.jar io.healthmonitor.benchmarks.fleet.FleetScale [natsUrl] [instances]
 * </pre>
 */
public final class FleetScale {

    private static final Duration MEASURE = Duration.ofSeconds(60);
    private static final int CONNECTIONS = 10;
    private static final int SAMPLES = 200;

    private FleetScale() {
    }

    /**
     * Runs the benchmark and prints its numbers.
     *
     * @param args optional: a NATS URL (default: a private nats-server from /usr/sbin), the number of instances
     * @throws Exception on a setup failure
     */
    public static void main(String[] args) throws Exception {
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Process server = null;
        Path store = Files.createTempDirectory("fleet-scale-");
        String url;
        if (args.length > 0 && !args[0].equals("private")) {
            url = args[0];
        } else {
            int port = freePort();
            server = new ProcessBuilder("/usr/sbin/nats-server", "-a", "127.0.0.1", "-p", String.valueOf(port), "-js", "-sd",
                    store.toString()).redirectErrorStream(true).redirectOutput(store.resolve("log").toFile()).start();
            url = "nats://127.0.0.1:" + port;
            awaitListening(port);
        }
        try {
            run(url, instances, server);
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(String url, int instances, Process server) throws Exception {
        String bucket = "fleet-scale-" + System.currentTimeMillis();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            connections.add(Nats.connect(new Options.Builder().server(url).maxReconnects(-1).build()));
        }
        AtomicInteger threadCount = new AtomicInteger();
        Set<Thread> publisherThreads = ConcurrentHashMap.newKeySet();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "publisher-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            publisherThreads.add(thread);
            return thread;
        });
        AtomicLong publishes = new AtomicLong();
        HealthReport report = report(HealthStatus.HEALTHY);
        List<FleetPublisher> publishers = new ArrayList<>();
        long spreadNanos = FleetPublisher.DEFAULT_HEARTBEAT.toNanos() / instances;
        for (int i = 0; i < instances; i++) {
            FleetPublisher publisher = FleetPublisher.builder(connections.get(i % CONNECTIONS), "svc-" + (i % 20))
                    .instance("instance-" + i).bucket(bucket).scheduler(scheduler).build();
            publisher.start(() -> {
                publishes.incrementAndGet();
                return report;
            });
            publishers.add(publisher);
            TimeUnit.NANOSECONDS.sleep(spreadNanos);   // instances start at random moments, not in lockstep
        }
        FleetView view = FleetView.builder(connections.get(0)).bucket(bucket).build().start();
        long viewReadyStart = System.nanoTime();
        while (countInstances(view.snapshot()) < instances) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        System.out.printf(Locale.ROOT, "view synced %,d instances in %d ms; its heap: jcmd %d GC.class_histogram during the"
                + " next %d s (Summary, BucketMirror$Stored, LinkedHashMap, LinkedHashMap$Entry: one each per instance)%n",
                instances, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - viewReadyStart), ProcessHandle.current().pid(),
                MEASURE.toSeconds());

        // Publisher cost: CPU and allocation of the publisher threads per publish, over the measurement.
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = publisherThreads.stream().mapToLong(Thread::getId).toArray();
        long cpu0 = Arrays.stream(threads.getThreadCpuTime(ids)).sum();
        long alloc0 = Arrays.stream(threads.getThreadAllocatedBytes(ids)).sum();
        long publishes0 = publishes.get();
        long processCpu0 = processCpuNanos();
        long serverCpu0 = server == null ? 0 : serverCpuTicks(server.pid());
        long wall0 = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(MEASURE.toNanos());
        long wall = System.nanoTime() - wall0;
        long cpu = Arrays.stream(threads.getThreadCpuTime(ids)).sum() - cpu0;
        long alloc = Arrays.stream(threads.getThreadAllocatedBytes(ids)).sum() - alloc0;
        long published = publishes.get() - publishes0;
        long processCpu = processCpuNanos() - processCpu0;
        long serverTicks = server == null ? 0 : serverCpuTicks(server.pid()) - serverCpu0;
        System.out.printf(Locale.ROOT, "publishes in %d s: %,d (%.0f/s)%n", TimeUnit.NANOSECONDS.toSeconds(wall), published,
                published * 1e9 / wall);
        System.out.printf(Locale.ROOT, "publisher threads: %.1f us CPU and %,d bytes allocated per publish%n",
                cpu / 1e3 / published, alloc / published);
        System.out.printf(Locale.ROOT, "whole JVM (publishers, jnats, view): %.1f %% of one core%n", processCpu * 100.0 / wall);
        if (server != null) {
            System.out.printf(Locale.ROOT, "nats-server: %.1f %% of one core%n", serverTicks * 10e6 * 100.0 / wall);
        }

        // View update latency: a probe instance flips status; from before its put to snapshot() showing it.
        AtomicReference<HealthStatus> probeStatus = new AtomicReference<>(HealthStatus.HEALTHY);
        FleetPublisher probe = FleetPublisher.builder(connections.get(1), "probe").instance("probe-1").bucket(bucket)
                .scheduler(scheduler).build();
        probe.start(() -> report(probeStatus.get()));
        for (int i = 0; i < 2_000; i++) {
            view.snapshot();   // JIT warm-up of the snapshot path before it is timed
        }
        long[] latencies = new long[SAMPLES];
        long snapshotNanos = 0;
        long jsonBytes = 0;
        int snapshots = 0;
        for (int i = 0; i < SAMPLES; i++) {
            HealthStatus next = i % 2 == 0 ? HealthStatus.UNHEALTHY : HealthStatus.HEALTHY;
            probeStatus.set(next);
            long start = System.nanoTime();
            probe.publish();
            while (view.instance("probe", "probe-1").map(FleetInstance::status).orElse(null) != next) {
                Thread.onSpinWait();
            }
            latencies[i] = System.nanoTime() - start;
            long before = System.nanoTime();
            if (probeStatus(view.snapshot()) != next) {
                throw new IllegalStateException("the snapshot disagrees with the lookup");
            }
            snapshotNanos += System.nanoTime() - before;
            snapshots++;
            TimeUnit.MILLISECONDS.sleep(20);
        }
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "view update latency (put, ack, watch, view.instance() shows it): p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)%n",
                latencies[SAMPLES / 2] / 1e6, latencies[SAMPLES * 99 / 100] / 1e6, latencies[SAMPLES - 1] / 1e6, SAMPLES);
        System.out.printf(Locale.ROOT, "snapshot() of %,d instances: %.2f ms each (%d taken)%n", instances + 1,
                snapshotNanos / 1e6 / snapshots, snapshots);
        io.healthmonitor.http.Endpoints endpoint = io.healthmonitor.http.Endpoints.of(
                io.healthmonitor.fleet.FleetEndpoint.of(view, io.healthmonitor.http.Authorizer.always()));
        io.healthmonitor.http.EndpointRequest get = io.healthmonitor.http.EndpointRequest.builder("GET", "/health/fleet").build();
        for (int i = 0; i < 500; i++) {
            endpoint.handle(get);   // warm-up
        }
        long jsonStart = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            jsonBytes = endpoint.handle(get).body().length;
        }
        System.out.printf(Locale.ROOT, "GET /health/fleet (snapshot and JSON, no HTTP): %.2f ms, %,d bytes%n",
                (System.nanoTime() - jsonStart) / 1e6 / 200, jsonBytes);

        probe.close();
        view.close();
        publishers.forEach(FleetPublisher::close);
        scheduler.shutdownNow();
        for (Connection connection : connections) {
            connection.close();
        }
    }

    private static HealthStatus probeStatus(FleetSnapshot snapshot) {
        return snapshot.service("probe").flatMap(service -> service.instances().stream().findFirst())
                .map(FleetInstance::status).orElse(null);
    }

    private static int countInstances(FleetSnapshot snapshot) {
        return snapshot.services().stream().mapToInt(service -> service.instances().size()).sum();
    }

    private static HealthReport report(HealthStatus database) {
        Instant now = Instant.now();
        List<CheckResult> checks = new ArrayList<>();
        for (String name : List.of("database", "redis", "nats", "disk", "memory")) {
            HealthStatus status = name.equals("database") ? database : HealthStatus.HEALTHY;
            checks.add(new CheckResult(name, status, null, Map.of(), null, Duration.ofMillis(2), now, true, Set.of(), true));
        }
        return HealthReport.of(now, Duration.ofMillis(3), checks);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of a process, in clock ticks (1/100 s on Linux). */
    private static long serverCpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < giveUpAt) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.shutdownOutput();
                return;
            } catch (IOException e) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new IllegalStateException("nats-server did not listen on " + port);
    }
}
