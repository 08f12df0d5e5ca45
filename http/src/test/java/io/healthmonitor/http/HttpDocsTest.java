package io.healthmonitor.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
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
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding snippets of docs/http.md, compiled and run here against a real Jetty and a real gRPC
 * server; {@link #docsShowEverySnippetAsWritten()} fails when the page and this file drift apart.
 */
class HttpDocsTest {

    private static final Pattern SNIPPET = Pattern.compile("// docs:(\\w+)\\R(.*?)\\R\\s*// docs:end", Pattern.DOTALL);
    private static final String TOKEN = "http-docs-token-0123456789";

    private static HealthMonitor monitor() throws InterruptedException {
        HealthMonitor monitor = HealthMonitor.builder().logTransitions(false)
                .register(CheckRegistration.builder("database", ctx -> HealthResult.healthy()).tags(CheckRegistration.READINESS).build())
                .build();
        assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isTrue();
        return monitor;
    }

    @Test
    void jdkSnippet() throws Exception {
        try (HealthMonitor monitor = monitor()) {
            // docs:jdk
            HttpServer server = JdkHttpHandler.createServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            HealthEndpoints health = HealthEndpoints.builder(monitor)
                    .authorizer(Authorizer.bearerToken(TOKEN))        // e.g. System.getenv("HEALTH_TOKEN")
                    .build();
            JdkHttpHandler.of(health).mount(server);                  // /health/*, /api/v1/health/checks/*, 404 for the rest
            server.start();
            // docs:end
            try {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.body()).isEqualTo("{\"status\":\"healthy\"}");
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void routerSnippet() throws Exception {
        java.util.function.Supplier<String> scrape = () -> "# nothing scraped\n";
        try (HealthMonitor monitor = monitor()) {
            Authorizer authorizer = Authorizer.bearerToken(TOKEN);
            HttpServer server = JdkHttpHandler.createServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            // docs:router
            Endpoint version = request -> request.path().equals("/version")          // an endpoint of your own
                    ? EndpointResponse.of(200, EndpointResponse.JSON, "{\"version\":\"1.4.2\"}".getBytes(UTF_8))
                    : null;                                                          // null: not my path
            Endpoints endpoints = Endpoints.builder()
                    .basePath("/manage")                                             // /manage/health, /manage/metrics, ...
                    .endpoint(HealthEndpoints.builder(monitor).authorizer(authorizer)
                            .kubernetesAliases(true).build())                        // also /manage/livez, /readyz, /startupz
                    .endpoint(MetricsEndpoint.of(scrape, authorizer))                // scrape: prometheusRegistry::scrape
                    .endpoint(version)
                    .build();
            JdkHttpHandler.of(endpoints).mount(server);
            // docs:end
            server.start();
            try {
                String base = "http://127.0.0.1:" + server.getAddress().getPort();
                HttpClient client = HttpClient.newHttpClient();
                assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/manage/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/manage/version")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"version\":\"1.4.2\"}");
                assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/manage/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            } finally {
                server.stop(0);
            }
        }
    }

    /** A connector on 127.0.0.1, an ephemeral port, added to {@code jetty}. */
    private static ServerConnector loopbackConnector(org.eclipse.jetty.server.Server jetty) {
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        return connector;
    }

    @Test
    void servletSnippet() throws Exception {
        Authorizer authorizer = Authorizer.bearerToken(TOKEN);
        org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server();
        ServerConnector connector = loopbackConnector(jetty);
        ServletContextHandler web = new ServletContextHandler("/");
        try (HealthMonitor monitor = monitor()) {
            web.addServletContainerInitializer((classes, servletContext) -> {
                // docs:servlet
                Endpoints endpoints = Endpoints.builder()
                        .basePath("/manage")
                        .endpoint(HealthEndpoints.builder(monitor).authorizer(authorizer).kubernetesAliases(true).build())
                        .build();
                EndpointServlet servlet = new EndpointServlet(endpoints);
                servletContext.addServlet("health", servlet).addMapping(servlet.urlPattern());   // "/manage/*"
                // docs:end
            });
            jetty.setHandler(web);
            jetty.start();
            HttpClient client = HttpClient.newHttpClient();
            for (String path : new String[] {"/manage/health", "/manage/readyz"}) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + connector.getLocalPort() + path)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                assertThat(response.body()).as(path).isEqualTo("{\"status\":\"healthy\"}");
            }
        } finally {
            jetty.stop();
        }
    }

    @Test
    void servletFilterSnippet() throws Exception {
        org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server();
        ServerConnector connector = loopbackConnector(jetty);
        ServletContextHandler web = new ServletContextHandler("/");
        try (HealthMonitor monitor = monitor()) {
            Endpoints endpoints = Endpoints.of(HealthEndpoints.builder(monitor).build());
            web.addServletContainerInitializer((classes, servletContext) -> {
                // docs:servletFilter
                EndpointServlet router = new EndpointServlet(endpoints);
                servletContext.addFilter("health", (Filter) (request, response, chain) -> {
                    if (!router.serveIfAnswered((HttpServletRequest) request, (HttpServletResponse) response)) {
                        chain.doFilter(request, response);
                    }
                }).addMappingForUrlPatterns(null, false, "/*");
                // docs:end
                servletContext.addServlet("application", new ApplicationServlet()).addMapping("/*");
            });
            jetty.setHandler(web);
            jetty.start();
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"status\":\"healthy\"}");
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/orders")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("the application");
        } finally {
            jetty.stop();
        }
    }

    @Test
    void tomcatErrorReportSnippet(@TempDir Path baseDir) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        // docs:tomcatErrorReport
        ErrorReportValve errorReport = new ErrorReportValve();      // org.apache.catalina.valves
        errorReport.setShowReport(false);                           // no exception, no stack trace
        errorReport.setShowServerInfo(false);                       // no "Apache Tomcat/11.0.27"
        tomcat.getHost().getPipeline().addValve(errorReport);
        // docs:end
        tomcat.addContext("", null);
        tomcat.start();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tomcat.getConnector().getLocalPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /health#fragment HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400 ").doesNotContain("Exception", ".java:", "Tomcat/");
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /** The application's own servlet, beside the router's filter. */
    private static final class ApplicationServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write("the application");
        }
    }

    @Test
    void grpcSnippet() throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (HealthMonitor monitor = monitor()) {
            // docs:grpc
            HealthStatusManager health = new HealthStatusManager();
            GrpcHealthBinding binding = GrpcHealthBinding.builder(monitor, health)
                    .interval(Duration.ofSeconds(1))                        // the default
                    .build()
                    .start();                                               // statuses are set when it returns
            Server server = NettyServerBuilder.forAddress(address)          // or ServerBuilder.forPort(9090)
                    .addService(binding.healthService())                    // not health.getHealthService()
                    // .addService(your services)
                    .build()
                    .start();
            // docs:end
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(),
                    InsecureChannelCredentials.create()).build();
            CompletableFuture<Status> watchEnd = new CompletableFuture<>();
            CountDownLatch watching = new CountDownLatch(1);
            try {
                HealthGrpc.HealthBlockingStub client = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
                for (String service : new String[] {"", "readiness", "liveness"}) {
                    assertThat(client.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
                            .as("'%s'", service).isEqualTo(ServingStatus.SERVING);
                }
                HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService("readiness").build(), new StreamObserver<>() {
                    @Override
                    public void onNext(HealthCheckResponse response) {
                        watching.countDown();
                    }

                    @Override
                    public void onError(Throwable error) {
                        watchEnd.complete(Status.fromThrowable(error));
                    }

                    @Override
                    public void onCompleted() {
                        watchEnd.complete(Status.OK);
                    }
                });
                assertThat(watching.await(10, TimeUnit.SECONDS)).as("the Watch stream is open").isTrue();
            } finally {
                // docs:grpcShutdown
                health.enterTerminalState();     // every service NOT_SERVING, Watch streams told so
                binding.close();                 // stops polling, ends the Watch streams
                server.shutdown();
                if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
                    server.shutdownNow();        // your own calls that did not finish
                }
                // docs:end
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
            assertThat(watchEnd.get(10, TimeUnit.SECONDS).getDescription()).as("the Watch stream ended by the binding")
                    .isEqualTo("the health service is closed");
        }
    }

    @Test
    void docsShowEverySnippetAsWritten() throws IOException {
        String source = Files.readString(Path.of("src", "test", "java", "io", "healthmonitor", "http", "HttpDocsTest.java"));
        String docs = Files.readString(Path.of("..", "docs", "http.md"));
        List<String> names = new ArrayList<>();
        Matcher snippets = SNIPPET.matcher(source);
        while (snippets.find()) {
            names.add(snippets.group(1));
            assertThat(docs).as("docs/http.md shows the %s snippet of HttpDocsTest as written", snippets.group(1))
                    .contains(dedent(snippets.group(2)));
        }
        assertThat(names).containsExactly("jdk", "router", "servlet", "servletFilter", "tomcatErrorReport", "grpc", "grpcShutdown");
    }

    private static String dedent(String block) {
        List<String> lines = block.lines().toList();
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
    }
}
