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
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The limits and the end of {@link GrpcHealthBinding#healthService()}, as a hostile client and a
 * shutting-down server see them: a real gRPC server and real clients over loopback TCP.
 */
class GrpcHealthServiceTest {

    private static final long WAIT_SECONDS = 10;

    private final HealthStatusManager statuses = new HealthStatusManager();
    private final List<LogRecord> grpcWarnings = new CopyOnWriteArrayList<>();
    private final Handler grpcLog = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                grpcWarnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private HealthMonitor monitor;
    private GrpcHealthBinding binding;
    private Server server;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeEach
    void listenToGrpcLogs() {
        Logger.getLogger("io.grpc").addHandler(grpcLog);
    }

    @AfterEach
    void stop() throws InterruptedException {
        Logger.getLogger("io.grpc").removeHandler(grpcLog);
        if (binding != null) {
            binding.close();
        }
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    private GrpcHealthBinding bind(int maxWatchers) throws Exception {
        monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("database", ctx -> HealthResult.healthy())
                        .tags(CheckRegistration.READINESS).build())
                .build();
        assertThat(monitor.awaitReady(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
        binding = GrpcHealthBinding.builder(monitor, statuses).maxWatchers(maxWatchers).build().start();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(binding.healthService()).build().start();
        return binding;
    }

    private ManagedChannel channel(int port) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create()).build();
        channels.add(channel);
        return channel;
    }

    private static HealthCheckRequest request(String service) {
        return HealthCheckRequest.newBuilder().setService(service).build();
    }

    /** A Watch call as its client sees it: every status, then how it ended. */
    private static final class Watch implements ClientResponseObserver<HealthCheckRequest, HealthCheckResponse> {
        final BlockingQueue<ServingStatus> received = new LinkedBlockingQueue<>();
        final BlockingQueue<Status> ended = new LinkedBlockingQueue<>();
        ClientCallStreamObserver<HealthCheckRequest> call;

        static Watch open(ManagedChannel channel, String service) {
            Watch watch = new Watch();
            HealthGrpc.newStub(channel).watch(request(service), watch);
            return watch;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(HealthCheckResponse response) {
            received.add(response.getStatus());
        }

        @Override
        public void onError(Throwable error) {
            ended.add(Status.fromThrowable(error));
        }

        @Override
        public void onCompleted() {
            ended.add(Status.OK);
        }

        ServingStatus next() throws InterruptedException {
            ServingStatus status = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(status).as("a status within %d s", WAIT_SECONDS).isNotNull();
            return status;
        }

        Status end() throws InterruptedException {
            Status status = ended.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(status).as("the end of the stream within %d s", WAIT_SECONDS).isNotNull();
            return status;
        }
    }

    /** Waits, boundedly, for what the server does after a client left: the server learns it asynchronously. */
    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as(what).isTrue();
            Thread.sleep(10);   // polling interval of the bounded wait, not an assertion
        }
    }

    @Test
    void refusesServiceNamesLongerThanTheLimitWithoutEchoingThem() throws Exception {
        bind(GrpcHealthBinding.DEFAULT_MAX_WATCHERS);
        ManagedChannel channel = channel(server.getPort());
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
        String longest = "a".repeat(GrpcHealthBinding.MAX_SERVICE_NAME_LENGTH);
        String megabyte = "b".repeat(1_000_000);

        assertThatThrownBy(() -> health.withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS).check(request(longest)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).as("an unknown name of the longest length").isEqualTo(Status.Code.NOT_FOUND));
        for (String name : List.of(longest + "a", megabyte)) {
            assertThatThrownBy(() -> health.withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS).check(request(name)))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).isEqualTo("service name longer than 512 characters");
                    });
            Watch watch = Watch.open(channel, name);
            assertThat(watch.end().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(watch.received).isEmpty();
        }
        assertThat(Watch.open(channel, longest).next()).isEqualTo(ServingStatus.SERVICE_UNKNOWN);
        assertThat(health.withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS).check(request("readiness")).getStatus())
                .isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void refusesWatchStreamsBeyondTheMaximumUntilSomeEnd() throws Exception {
        bind(3);
        ManagedChannel channel = channel(server.getPort());
        List<Watch> open = new ArrayList<>();
        for (String service : List.of("", "readiness", "no.such.Service")) {
            Watch watch = Watch.open(channel, service);
            watch.next();
            open.add(watch);
        }

        Watch refused = Watch.open(channel, "readiness");
        Status status = refused.end();
        assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(status.getDescription()).isEqualTo("more than 3 Watch streams are open");
        assertThat(HealthGrpc.newBlockingStub(channel).withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS)
                .check(request("readiness")).getStatus()).as("Check is not limited").isEqualTo(ServingStatus.SERVING);

        open.get(0).call.cancel("done", null);
        awaitTrue("the server forgets the cancelled stream", () -> binding.watchers() == 2);
        assertThat(Watch.open(channel, "readiness").next()).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void forgetsThousandsOfWatchStreamsWhoseClientsVanishedWithoutCancelling() throws Exception {
        bind(2_000);
        try (Relay relay = new Relay(server.getPort())) {
            ManagedChannel vanishing = channel(relay.port());
            List<Watch> watches = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                watches.add(Watch.open(vanishing, i % 2 == 0 ? "readiness" : "no.such.Service" + i));
            }
            for (Watch watch : watches) {
                watch.next();
            }
            assertThat(binding.watchers()).isEqualTo(2_000);
            assertThat(Watch.open(channel(server.getPort()), "").end().getCode()).as("at the maximum")
                    .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

            relay.cut();   // TCP closed under the client: no RST_STREAM, no cancel
            awaitTrue("the server forgets every stream of the lost connection", () -> binding.watchers() == 0);
        }
        assertThat(Watch.open(channel(server.getPort()), "").next()).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void endsOpenWatchStreamsWhenClosedSoTheServerShutsDownAtOnce() throws Exception {
        bind(GrpcHealthBinding.DEFAULT_MAX_WATCHERS);
        ManagedChannel channel = channel(server.getPort());
        List<Watch> watches = new ArrayList<>();
        for (String service : List.of("", "readiness", "no.such.Service")) {
            Watch watch = Watch.open(channel, service);
            watch.next();
            watches.add(watch);
        }

        statuses.enterTerminalState();
        binding.close();
        for (Watch watch : watches.subList(0, 2)) {
            assertThat(watch.next()).as("told before the end").isEqualTo(ServingStatus.NOT_SERVING);
        }
        for (Watch watch : watches) {
            Status status = watch.end();
            assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(status.getDescription()).isEqualTo("the health service is closed");
        }
        assertThat(Watch.open(channel, "").end().getCode()).as("a Watch after close").isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(HealthGrpc.newBlockingStub(channel).withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS)
                .check(request("")).getStatus()).as("Check still answers").isEqualTo(ServingStatus.NOT_SERVING);

        server.shutdown();
        assertThat(server.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).as("no stream holds the server").isTrue();
        assertThat(grpcWarnings).as("gRPC logged nothing").isEmpty();
    }

    @Test
    void statusesSetAfterCloseDoNotFailOnTheEndedStreams() throws Exception {
        bind(GrpcHealthBinding.DEFAULT_MAX_WATCHERS);
        ManagedChannel channel = channel(server.getPort());
        List<Watch> watches = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Watch watch = Watch.open(channel, "");
            watch.next();
            watches.add(watch);
        }

        binding.close();                  // ends the streams; the manager learns it a moment later
        statuses.enterTerminalState();    // tells the streams it still holds: must not throw

        for (Watch watch : watches) {
            assertThat(watch.end().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
        server.shutdown();
        assertThat(server.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(grpcWarnings).isEmpty();
    }

    @Test
    void refusesAMaximumThatIsNotPositive() throws Exception {
        GrpcHealthBinding.Builder builder = GrpcHealthBinding.builder(HealthMonitor.builder().build(), statuses);
        assertThatThrownBy(() -> builder.maxWatchers(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxWatchers must be > 0");
    }

    /**
     * A TCP relay on loopback whose {@link #cut()} closes both sides' sockets: to the server, a client
     * that vanished (a killed process, a lost node) rather than one that cancelled its calls.
     */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        Relay(int target) throws IOException {
            acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket client = listener.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        sockets.add(client);
                        sockets.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    }
                } catch (IOException closed) {
                    // cut() or close()
                }
            }, "relay-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private static void pump(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) != -1; ) {
                        out.write(buffer, 0, n);
                    }
                } catch (IOException closed) {
                    // cut()
                }
            }, "relay-pump");
            thread.setDaemon(true);
            thread.start();
        }

        void cut() throws IOException {
            listener.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }

        @Override
        public void close() throws IOException {
            cut();
        }
    }
}
