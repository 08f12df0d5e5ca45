package io.healthmonitor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract kit as a user runs it: a check of their own against a real HTTP dependency. */
class HealthCheckContractTest {

    private static final String API_KEY = "k3y-0f-th3-t3st";
    private static HttpServer dependency;
    private static int closedPort;

    @BeforeAll
    static void startDependency() throws IOException {
        dependency = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        dependency.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        dependency.start();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stopDependency() {
        dependency.stop(0);
    }

    private static URI uri(int port) {
        return URI.create("http://127.0.0.1:" + port + "/health");
    }

    /** What the docs ask for: the request's timeout comes from the context. */
    private static HealthCheck wellBehaved(URI uri) {
        HttpClient client = HttpClient.newHttpClient();
        return ctx -> {
            HttpRequest request = HttpRequest.newBuilder(uri).header("X-Api-Key", API_KEY).timeout(ctx.clientTimeout()).build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status < 300 ? HealthResult.healthy() : HealthResult.unhealthy("HTTP " + status);
        };
    }

    /** Ignores its CheckContext: the request has no timeout of its own. */
    private static HealthCheck ignoringItsDeadline(URI uri) {
        HttpClient client = HttpClient.newHttpClient();
        return ctx -> {
            client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
            return HealthResult.healthy();
        };
    }

    /** Retries when the engine interrupts it, with a timeout far past the deadline. */
    private static HealthCheck swallowingInterrupts(URI uri) {
        HttpClient client = HttpClient.newHttpClient();
        return ctx -> {
            while (true) {
                try {
                    client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return HealthResult.healthy();
                } catch (InterruptedException e) {
                    // swallowed: the defect under test
                }
            }
        };
    }

    /** Honours its deadline but puts its API key in the message, where the engine's masking cannot tell it is one. */
    private static HealthCheck leakingItsKey(URI uri) {
        HealthCheck delegate = wellBehaved(uri);
        return ctx -> {
            try {
                return delegate.check(ctx);
            } catch (IOException e) {
                return HealthResult.unhealthy("GET " + uri + " with key " + API_KEY + " failed: " + e);
            }
        };
    }

    /** The contract for one way of building the check; closes the blackholing proxy after each test. */
    abstract static class HttpContract implements HealthCheckContract {
        private FaultProxy proxy;

        abstract HealthCheck checkOf(URI uri);

        @Override
        public HealthCheck checkOfLiveDependency() {
            return checkOf(uri(dependency.getAddress().getPort()));
        }

        @Override
        public HealthCheck checkOfUnreachableDependency() {
            return checkOf(uri(closedPort));
        }

        @Override
        public HealthCheck checkOfBlackholedDependency() {
            proxy = FaultProxy.start(dependency.getAddress());
            proxy.blackhole();
            return checkOf(uri(proxy.port()));
        }

        @Override
        public List<String> secrets() {
            return List.of(API_KEY);
        }

        @AfterEach
        void closeProxy() {
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    @Nested
    class WellBehavedCheck extends HttpContract {
        @Override
        HealthCheck checkOf(URI uri) {
            return wellBehaved(uri);
        }
    }

    private static HttpContract contractOf(Function<URI, HealthCheck> checks) {
        return new HttpContract() {
            @Override
            HealthCheck checkOf(URI uri) {
                return checks.apply(uri);
            }
        };
    }

    private static Throwable blackholed(HttpContract contract) {
        try {
            return catchThrowable(contract::contractHonoursItsDeadlineWhenDependencyIsBlackholed);
        } finally {
            contract.closeProxy();
        }
    }

    @Test
    void failsACheckThatIgnoresItsDeadline() {
        assertThat(blackholed(contractOf(HealthCheckContractTest::ignoringItsDeadline)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CheckContext.clientTimeout()");
    }

    @Test
    void failsACheckThatSwallowsInterrupts() {
        assertThat(blackholed(contractOf(HealthCheckContractTest::swallowingInterrupts)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CheckContext.clientTimeout()");
    }

    @Test
    void failsACheckThatShowsASecretWithoutPrintingIt() {
        HttpContract contract = contractOf(HealthCheckContractTest::leakingItsKey);
        assertThat(catchThrowable(contract::contractReportsLiveDependencyAsUsable)).isNull();
        assertThat(catchThrowable(contract::contractReportsUnreachableDependencyAsUnhealthy))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the secrets() must never appear")
                .hasMessageContaining("value 1 (" + API_KEY.length() + " characters)")
                .hasMessageNotContaining(API_KEY);
    }

    @Test
    void aCheckCalledDirectlyLearnsItsDeadlineFromTheContext() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(dependency.getAddress())) {
            proxy.latency(Duration.ofSeconds(2));
            Throwable failure = catchThrowable(() -> wellBehaved(uri(proxy.port()))
                    .check(CheckContext.of("dependency", Duration.ofMillis(200))));
            assertThat(failure).isInstanceOf(HttpTimeoutException.class);
        }
    }
}
