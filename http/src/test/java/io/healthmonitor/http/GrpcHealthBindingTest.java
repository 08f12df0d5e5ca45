package io.healthmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.Schedule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link GrpcHealthBinding} behind a real gRPC server, asked by a real gRPC client over loopback. */
class GrpcHealthBindingTest {

    private static final Duration SHORT_INTERVAL = Duration.ofMillis(20);
    private static final long WAIT_SECONDS = 10;

    private final AtomicReference<HealthResult> database = new AtomicReference<>(HealthResult.healthy());
    private final HealthStatusManager statuses = new HealthStatusManager();
    private final CountDownLatch release = new CountDownLatch(1);
    private HealthMonitor monitor;
    private GrpcHealthBinding binding;
    private Server server;
    private ManagedChannel channel;

    private HealthMonitor monitor() throws InterruptedException {
        monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("database", ctx -> database.get())
                        .tags(CheckRegistration.READINESS, "storage").schedule(Schedule.onDemand(Duration.ZERO)).build())
                .register(CheckRegistration.builder("deadlocks", ctx -> HealthResult.healthy())
                        .tags(CheckRegistration.LIVENESS).build())
                .build();
        assertThat(monitor.awaitReady(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
        return monitor;
    }

    /** Serves the binding's health service, as docs/http.md says to. */
    private HealthGrpc.HealthBlockingStub serve(GrpcHealthBinding served) throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(served.healthService()).build().start();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create()).build();
        return HealthGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (binding != null) {
            binding.close();
        }
        if (channel != null) {
            channel.shutdownNow().awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    private static ServingStatus check(HealthGrpc.HealthBlockingStub health, String service) {
        return health.withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    }

    /** Watches a service; the queue receives every status the server streams. */
    private BlockingQueue<ServingStatus> watch(String service) {
        BlockingQueue<ServingStatus> received = new LinkedBlockingQueue<>();
        HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService(service).build(), new StreamObserver<>() {
            @Override
            public void onNext(HealthCheckResponse response) {
                received.add(response.getStatus());
            }

            @Override
            public void onError(Throwable error) {
            }

            @Override
            public void onCompleted() {
            }
        });
        return received;
    }

    private static ServingStatus next(BlockingQueue<ServingStatus> received) throws InterruptedException {
        ServingStatus status = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(status).as("a status within %d s", WAIT_SECONDS).isNotNull();
        return status;
    }

    @Test
    void answersCheckForTheOverallStatusAndForEveryGroup() throws Exception {
        binding = GrpcHealthBinding.builder(monitor(), statuses).interval(SHORT_INTERVAL).build().start();
        HealthGrpc.HealthBlockingStub health = serve(binding);

        assertThat(binding.services()).containsExactly("", "liveness", "readiness", "startup", "storage");
        for (String service : binding.services()) {
            assertThat(check(health, service)).as("'%s'", service).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void answersNotFoundForAServiceThatIsNeitherTheOverallStatusNorAGroup() throws Exception {
        binding = GrpcHealthBinding.builder(monitor(), statuses).interval(SHORT_INTERVAL).build().start();
        HealthGrpc.HealthBlockingStub health = serve(binding);

        assertThatThrownBy(() -> check(health, "grpc.health.v1.Nope"))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThat(next(watch("grpc.health.v1.Nope"))).isEqualTo(ServingStatus.SERVICE_UNKNOWN);
    }

    @Test
    void setsTheStatusesFromAFirstReportBeforeStartReturns() throws Exception {
        database.set(HealthResult.unhealthy("connection refused"));
        binding = GrpcHealthBinding.builder(monitor(), statuses).interval(Duration.ofHours(1)).build();
        HealthGrpc.HealthBlockingStub health = serve(binding);
        assertThat(check(health, "")).as("grpc-java's default before the binding starts").isEqualTo(ServingStatus.SERVING);
        binding.start();

        assertThat(check(health, "")).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(check(health, "readiness")).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(check(health, "storage")).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(check(health, "liveness")).isEqualTo(ServingStatus.SERVING);
        assertThat(check(health, "startup")).as("no check carries it: an empty group").isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void streamsAChangeToWatchersWhenACheckFlips() throws Exception {
        binding = GrpcHealthBinding.builder(monitor(), statuses).interval(SHORT_INTERVAL).build().start();
        serve(binding);
        BlockingQueue<ServingStatus> readiness = watch("readiness");
        BlockingQueue<ServingStatus> overall = watch("");
        assertThat(next(readiness)).isEqualTo(ServingStatus.SERVING);
        assertThat(next(overall)).isEqualTo(ServingStatus.SERVING);

        database.set(HealthResult.unhealthy("connection refused"));
        assertThat(next(readiness)).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(next(overall)).isEqualTo(ServingStatus.NOT_SERVING);

        database.set(HealthResult.degraded("replica lag"));
        assertThat(next(readiness)).as("degraded still serves").isEqualTo(ServingStatus.SERVING);
        assertThat(next(overall)).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void answersNotServingUntilEveryCheckHasAFirstResultWhileLivenessIsUnaffected() throws Exception {
        monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("cold-pool", ctx -> release.await(30, TimeUnit.SECONDS)
                                ? HealthResult.healthy() : HealthResult.unhealthy("never released"))
                        .timeout(Duration.ofMillis(50)).startupTimeout(Duration.ofSeconds(30)).critical(false)
                        .tags(CheckRegistration.READINESS, CheckRegistration.STARTUP, CheckRegistration.LIVENESS).build())
                .register(CheckRegistration.builder("deadlocks", ctx -> HealthResult.healthy())
                        .tags(CheckRegistration.LIVENESS).build())
                .build();
        binding = GrpcHealthBinding.builder(monitor, statuses).interval(SHORT_INTERVAL).build().start();
        HealthGrpc.HealthBlockingStub health = serve(binding);

        assertThat(check(health, "")).as("a non-critical check, but not ready").isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(check(health, "readiness")).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(check(health, "startup")).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(check(health, "liveness")).as("unchecked checks left out").isEqualTo(ServingStatus.SERVING);

        BlockingQueue<ServingStatus> readiness = watch("readiness");
        assertThat(next(readiness)).isEqualTo(ServingStatus.NOT_SERVING);
        release.countDown();
        assertThat(next(readiness)).isEqualTo(ServingStatus.SERVING);
        assertThat(check(health, "startup")).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void stopsPollingWhenClosedAndCannotStartTwice() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true);
        try {
            binding = GrpcHealthBinding.builder(monitor(), statuses).interval(Duration.ofHours(1)).scheduler(scheduler).build();
            binding.start();
            assertThat(scheduler.getQueue()).as("the next poll").hasSize(1);
            assertThatThrownBy(binding::start).isInstanceOf(IllegalStateException.class).hasMessage("the binding is already started");

            binding.close();
            binding.close();
            assertThat(scheduler.getQueue()).isEmpty();
            assertThatThrownBy(binding::start).isInstanceOf(IllegalStateException.class).hasMessage("the binding is closed");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void setsNoStatusOnceCloseHasReturnedEvenFromAReportUnderWay() throws Exception {
        CountDownLatch polling = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("database", ctx -> {
                    if (calls.incrementAndGet() > 2) {                  // not the monitor's first run, not start()'s
                        polling.countDown();
                        release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    }
                    return HealthResult.healthy();
                }).schedule(Schedule.onDemand(Duration.ZERO)).timeout(Duration.ofSeconds(30)).build())
                .build();
        assertThat(monitor.awaitReady(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            binding = GrpcHealthBinding.builder(monitor, statuses).interval(SHORT_INTERVAL).executor(executor).build().start();
            HealthGrpc.HealthBlockingStub health = serve(binding);
            assertThat(polling.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

            binding.close();
            statuses.setStatus(GrpcHealthBinding.ALL_SERVICES, ServingStatus.NOT_SERVING);   // the application drains
            release.countDown();
            executor.shutdown();
            assertThat(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).as("the poll under way ended").isTrue();

            assertThat(check(health, "")).isEqualTo(ServingStatus.NOT_SERVING);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void setsTheFirstStatusesAndStopsWhenTheSchedulerRefusesThePolls() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.shutdown();
        database.set(HealthResult.unhealthy("connection refused"));
        binding = GrpcHealthBinding.builder(monitor(), statuses).scheduler(scheduler).build().start();
        HealthGrpc.HealthBlockingStub health = serve(binding);

        assertThat(check(health, "readiness")).isEqualTo(ServingStatus.NOT_SERVING);
        assertThatThrownBy(binding::start).isInstanceOf(IllegalStateException.class).hasMessage("the binding is closed");
    }

    @Test
    void pollsAgainAfterTheExecutorRefusedAPoll() throws Exception {
        AtomicInteger refusals = new AtomicInteger(3);
        Executor busy = command -> {
            if (refusals.getAndDecrement() > 0) {
                throw new RejectedExecutionException("queue full");
            }
            command.run();
        };
        binding = GrpcHealthBinding.builder(monitor(), statuses).interval(SHORT_INTERVAL).executor(busy).build().start();
        serve(binding);
        BlockingQueue<ServingStatus> readiness = watch("readiness");
        assertThat(next(readiness)).isEqualTo(ServingStatus.SERVING);

        database.set(HealthResult.unhealthy("connection refused"));
        assertThat(next(readiness)).as("a poll after the refusals").isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(refusals.get()).isNegative();
    }

    @Test
    void stopsWhenTheExecutorIsShutDown() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        executor.shutdown();
        binding = GrpcHealthBinding.builder(monitor(), statuses).interval(SHORT_INTERVAL).executor(executor).build().start();

        // The first poll is refused a moment later, on the scheduler: a bounded poll for the outcome.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String refusal = "the binding is already started";
        while (refusal.equals("the binding is already started") && System.nanoTime() < deadline) {
            try {
                binding.start();
            } catch (IllegalStateException e) {
                refusal = e.getMessage();
            }
            Thread.onSpinWait();
        }
        assertThat(refusal).isEqualTo("the binding is closed");
    }

    @Test
    void refusesAnIntervalThatIsNotPositive() throws Exception {
        GrpcHealthBinding.Builder builder = GrpcHealthBinding.builder(monitor(), statuses);
        assertThatThrownBy(() -> builder.interval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval must be > 0");
        assertThatThrownBy(() -> builder.interval(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
