package io.healthmonitor.examples;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.DiskSpaceHealthCheck;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HttpEndpointHealthCheck;
import io.healthmonitor.MemoryHealthCheck;
import io.healthmonitor.Redactor;
import io.healthmonitor.Schedule;
import io.healthmonitor.corim.CorimValidationResult;
import io.healthmonitor.corim.CorimValidator;
import io.healthmonitor.corim.service.CorimEndpoints;
import io.healthmonitor.corim.service.CorimProfileStore;
import io.healthmonitor.corim.service.CorimProfilesHealthCheck;
import io.healthmonitor.corim.service.CorimStoreException;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.Endpoints;
import io.healthmonitor.http.HealthEndpoints;
import io.healthmonitor.http.JdkHttpHandler;
import io.healthmonitor.http.MetricsEndpoint;
import io.healthmonitor.jdbc.DataSourceHealthCheck;
import io.healthmonitor.micrometer.HealthMetrics;
import io.healthmonitor.redis.RedisHealthCheck;
import io.healthmonitor.tls.CertificateExpiryHealthCheck;
import io.healthmonitor.tls.CertificateInventory;
import io.healthmonitor.tls.CertificateSource;
import io.healthmonitor.tls.ExpiringCertificatesEndpoint;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain-Java service that embeds Health Monitor on the JDK's HttpServer: every health endpoint
 * of core ({@code /health}, {@code /health/detailed}, {@code /health/ui}, ...), the certificates
 * endpoint of checks-tls ({@code /api/v1/certificates/expiring?days=N}) and {@code /metrics} for
 * Prometheus. Every status change is logged in one line (core's logging listener).
 *
 * <p>With no configuration it checks embedded defaults: an H2 in-memory database through HikariCP,
 * disk space, memory, and the certificate of its own TLS port, generated at start-up. (It does not
 * check its own HTTP endpoints over HTTP: a service that probes itself reports its own load as a
 * dependency's failure.) Environment variables switch to real infrastructure:
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><th>variable</th><th>effect</th></tr>
 *   <tr><td>{@code PORT}</td><td>the HTTP port (default 8080; 0 for any free port)</td></tr>
 *   <tr><td>{@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}</td>
 *       <td>the JDBC URL checked instead of H2 (PostgreSQL, MariaDB and H2 drivers are included); user-info in
 *       the URL ({@code //user:password@host}, percent-encoded) is taken out of it before a driver sees it and
 *       used as the user and password, and then the other two variables must be unset</td></tr>
 *   <tr><td>{@code REDIS_URL}</td><td>adds the {@code redis} check, e.g. {@code redis://127.0.0.1:6379}</td></tr>
 *   <tr><td>{@code NATS_URL}</td><td>adds the {@code nats} check, publishes health events and this instance's
 *       summary to NATS, and serves {@code /health/fleet} (instance id {@code INSTANCE_ID}, else host-port)</td></tr>
 *   <tr><td>{@code HTTP_ENDPOINTS}</td><td>health URLs of downstream services, comma-separated: one
 *       non-critical {@code http:<host>:<port>} check each</td></tr>
 *   <tr><td>{@code TLS_ENDPOINTS}</td><td>{@code host:port,...}: one certificate check per endpoint</td></tr>
 *   <tr><td>{@code CERT_PATHS}</td><td>PEM files or directories, comma-separated: the {@code cert-files} check</td></tr>
 *   <tr><td>{@code HEALTH_TOKEN}</td><td>bearer token (16+ characters) for details; when unset,
 *       details go to loopback callers only</td></tr>
 *   <tr><td>{@code SERVICE_NAME}</td><td>the service name and metrics prefix, 1 to 64 letters, digits and
 *       {@code . _ -} (default {@code demo})</td></tr>
 *   <tr><td>{@code HEALTH_BASE_PATH}</td><td>a path every endpoint is served under, e.g. {@code /manage}
 *       ({@code /manage/health}, {@code /manage/metrics}); default none</td></tr>
 * </table>
 */
public final class DemoService implements AutoCloseable {

    /** The sample CoRIM profile, packaged from examples/sample_corim_profile.cbor. */
    static final String SAMPLE_PROFILE = "sample_corim_profile.cbor";

    private static final Logger LOG = LoggerFactory.getLogger(DemoService.class);

    /** The JDBC URL checked when {@code DATABASE_URL} is not set. */
    static final String DEFAULT_DATABASE_URL = DemoConfiguration.DEFAULT_DATABASE_URL;
    private static final Schedule CERTIFICATE_SCHEDULE = Schedule.onDemand(Duration.ofMinutes(1));
    /**
     * How often the demo asks for a full report by itself. The meters show the latest results and
     * a scrape runs no check: without this, a dependency that fails while only Prometheus calls
     * (probes on /health/live, or none) would leave its status gauge healthy (docs/operations.md).
     */
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(5);

    private final HttpServer server;
    private final HttpsServer tls;
    private final HealthMonitor monitor;
    private final DemoResources resources;

    private DemoService(HttpServer server, HttpsServer tls, HealthMonitor monitor, DemoResources resources) {
        this.server = server;
        this.tls = tls;
        this.monitor = monitor;
        this.resources = resources;
    }

    /**
     * Starts the service. Unreachable infrastructure does not stop it from starting: its checks
     * report it.
     *
     * @param environment the configuration, as environment variables
     * @return the running service
     * @throws IOException          if a port cannot be bound
     * @throws InterruptedException if interrupted while starting the background NATS connect
     * @throws IllegalArgumentException if a variable is malformed (a short {@code HEALTH_TOKEN}, a bad port, a
     *                                  URL that does not parse, a JDBC URL without its driver), checked before
     *                                  anything starts; the message names the variable and never repeats its value
     */
    public static DemoService start(Map<String, String> environment) throws IOException, InterruptedException {
        DemoResources resources = new DemoResources();
        try {
            return start(environment, resources);
        } catch (IOException | InterruptedException | RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    private static DemoService start(Map<String, String> env, DemoResources resources)
            throws IOException, InterruptedException {
        // Every variable is checked before anything starts: a bad one fails here, before a check runs.
        DemoConfiguration config = DemoConfiguration.from(env);
        String service = config.service();
        String prefix = service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String token = config.token();
        Authorizer authorizer = token == null ? Authorizer.loopbackOnly() : Authorizer.bearerToken(token);

        // Hardened defaults: up to 256 request threads, a 10 s bound on reading a request, Nagle off.
        HttpServer server = JdkHttpHandler.createServer(new InetSocketAddress(config.port()));
        resources.add(() -> server.stop(0));
        int port = server.getAddress().getPort();
        String basePath = config.basePath();

        // The TLS port whose certificate is checked: generated now, valid for 90 days.
        HttpsServer tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tls.setHttpsConfigurator(new HttpsConfigurator(
                SelfSignedCertificate.generate(service, Duration.ofDays(90)).serverContext()));
        resources.add(() -> tls.stop(0));
        // Its own threads: however busy the main port is, the tls-self check gets its handshake.
        ExecutorService tlsThreads = Executors.newFixedThreadPool(2);
        resources.add(tlsThreads::shutdownNow);
        tls.setExecutor(tlsThreads);
        tls.start(); // before the monitor is built: its start-up run reads this certificate at once

        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HealthMetrics metrics = HealthMetrics.of(prometheus, prefix);       // the prefix, set once
        HealthMonitor.Builder checks = HealthMonitor.builder().listener(metrics);
        CertificateInventory.Builder certificates = CertificateInventory.builder().metrics(metrics);

        HikariDataSource dataSource = dataSource(config.database());
        resources.add(dataSource::close);
        checks.register(CheckRegistration.builder("database", DataSourceHealthCheck.builder(dataSource)
                        .metrics(metrics)
                        .build())
                .tags(CheckRegistration.READINESS).build());
        checks.register(CheckRegistration.builder("disk", DiskSpaceHealthCheck.of(Path.of(".").toAbsolutePath()))
                .tags(CheckRegistration.READINESS).build());
        checks.register(CheckRegistration.builder("memory", MemoryHealthCheck.of())
                .tags(CheckRegistration.LIVENESS).build());
        for (URI uri : config.httpEndpoints()) {
            // Downstream services this one depends on; a failure degrades, it does not take the service down.
            checks.register(CheckRegistration.builder("http:" + uri.getHost() + ":" + uri.getPort(),
                    HttpEndpointHealthCheck.of(uri)).timeout(Duration.ofSeconds(1)).critical(false).build());
        }
        certificateCheck(checks, certificates, "tls-self", CertificateSource.endpoint("127.0.0.1", tls.getAddress().getPort()));
        for (DemoConfiguration.TlsEndpoint endpoint : config.tlsEndpoints()) {
            certificateCheck(checks, certificates, "tls:" + endpoint.host() + ":" + endpoint.port(),
                    CertificateSource.endpoint(endpoint.host(), endpoint.port()));
        }
        CertificateExpiryHealthCheck.Builder files = null;
        for (Path path : config.certPaths()) {
            CertificateSource source = Files.isDirectory(path)
                    ? CertificateSource.pemDirectory(path) : CertificateSource.pemFile(path);
            files = files == null ? CertificateExpiryHealthCheck.builder(source) : files.source(source);
        }
        if (files != null) {
            CertificateExpiryHealthCheck check = files.build();
            checks.register(CheckRegistration.builder("cert-files", check).schedule(CERTIFICATE_SCHEDULE).build());
            certificates.add("cert-files", check);
        }
        CorimValidator validator = CorimValidator.builder().build();
        byte[] sample = sampleProfile();
        CorimProfileStore profiles = CorimProfileStore.inMemory();
        RedisURI uri = config.redis();
        if (uri != null) {
            RedisClient client = RedisClient.create();
            resources.add(() -> client.shutdown(0, 2, TimeUnit.SECONDS));
            RedisHealthCheck redis = RedisHealthCheck.builder(client, uri).metrics(metrics).build();
            resources.add(redis::close);
            checks.register(CheckRegistration.builder("redis", redis).timeout(Duration.ofSeconds(1))
                    .tags(CheckRegistration.READINESS).build());
            // CoRIM profiles live in Redis then, under corim:profile:<id>, as the runbooks expect; connected
            // in the background, and the sample stored once connected.
            BackgroundRedisProfileStore redisProfiles = BackgroundRedisProfileStore.connect(client, uri,
                    store -> preloadSampleProfile(validator, sample, store));
            resources.add(redisProfiles::close);
            profiles = redisProfiles;
        } else {
            preloadSampleProfile(validator, sample, profiles);
        }
        checks.register(CheckRegistration.builder("corim-profiles", CorimProfilesHealthCheck.builder(profiles).build())
                .critical(false).build());
        String natsUrl = config.natsUrl();
        DemoFleet fleet = null;
        if (natsUrl != null) {
            // Connects in the background: NATS, up or down, never delays serving; the check reports it meanwhile.
            fleet = new DemoFleet(config.instanceId(), service, port, authorizer);
            BackgroundNatsConnection nats = BackgroundNatsConnection.start(natsUrl, service, fleet::connected);
            resources.add(nats::close);
            resources.add(fleet::close);                                         // before the connection closes
            checks.listener(nats.events()).listener(fleet);
            checks.register(CheckRegistration.builder("nats", nats.check()).critical(false).build());
        }

        HealthMonitor monitor = checks.build();
        resources.add(monitor::close);
        ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "demo-refresh");
            thread.setDaemon(true);
            return thread;
        });
        resources.add(refresh::shutdownNow);                                    // before the monitor closes
        refresh.scheduleWithFixedDelay(monitor::report, REFRESH_INTERVAL.toMillis(), REFRESH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        if (fleet != null) {
            fleet.monitor(monitor);
        }
        CertificateInventory inventory = certificates.build();
        HealthEndpoints health = HealthEndpoints.builder(monitor).authorizer(authorizer).kubernetesAliases(true).build();
        JdkHttpHandler.of(Endpoints.of(health)).mount(tls);
        // The runbooks query corim_validation_failures_total etc. without the service prefix.
        CorimEndpoints corim = CorimEndpoints.builder(validator, profiles).authorizer(authorizer)
                .metrics(metrics.withPrefix("")).build();
        Endpoints endpoints = Endpoints.builder()
                .basePath(basePath)
                .endpoint(fleet == null ? request -> null : fleet)                   // /health/fleet
                .endpoint(health)                                                    // /health/*, /livez, ...
                .endpoint(ExpiringCertificatesEndpoint.of(inventory, authorizer))    // /api/v1/certificates/expiring
                .endpoint(corim)                                                     // /api/v1/corim/*
                .endpoint(MetricsEndpoint.of(prometheus::scrape, authorizer))           // /metrics
                .build();
        JdkHttpHandler.of(endpoints).mount(server);

        server.start();
        // Every check is already running once (the monitor's start-up run): its first result is
        // logged, and the certificate inventory and the meters fill, without delaying the start.
        LOG.info("{} on http://127.0.0.1:{}/health/ui (details: {})", service, port,
                token == null ? "loopback callers" : "bearer token");
        return new DemoService(server, tls, monitor, resources);
    }

    /** The sample profile the README and docs use. */
    private static byte[] sampleProfile() throws IOException {
        try (InputStream in = DemoService.class.getResourceAsStream("/" + SAMPLE_PROFILE)) {
            if (in == null) {
                throw new IOException(SAMPLE_PROFILE + " is missing from the class path");
            }
            return in.readAllBytes();
        }
    }

    /** Stores the sample profile, after validating it like any upload. */
    private static void preloadSampleProfile(CorimValidator validator, byte[] sample, CorimProfileStore profiles) {
        CorimValidationResult result = validator.validate(sample);
        if (!result.valid()) {
            LOG.warn("{} validation failed: {}", SAMPLE_PROFILE, result.problems());
            return;
        }
        try {
            profiles.put(sample, result);
        } catch (CorimStoreException e) {
            LOG.warn("{} not stored: {}", SAMPLE_PROFILE, e.getMessage());
        }
    }

    private static void certificateCheck(HealthMonitor.Builder checks, CertificateInventory.Builder certificates,
                                         String name, CertificateSource source) {
        CertificateExpiryHealthCheck check = CertificateExpiryHealthCheck.builder(source).build();
        // Certificates change rarely: a reading serves reports for a minute.
        checks.register(CheckRegistration.builder(name, check).schedule(CERTIFICATE_SCHEDULE).build());
        certificates.add(name, check);
    }

    /** The pool of {@code database}, whose URL carries no credentials (see {@link DemoConfiguration#database}). */
    private static HikariDataSource dataSource(DemoConfiguration.Database database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("demo-db");
        String url = database.url();
        config.setJdbcUrl(url);
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(4);
        config.setValidationTimeout(500);       // well below the check's 2 s deadline, see docs/checks-jdbc.md
        // The embedded H2 opens its first connection now; a real database may be down at start-up,
        // and then the demo starts anyway and its check says so.
        config.setInitializationFailTimeout(url.equals(DEFAULT_DATABASE_URL) ? 1 : -1);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // HikariCP's message and causes quote the URL: only the exception's class is named.
            throw new IllegalArgumentException("DATABASE_URL cannot be used: HikariCP refused it ("
                    + e.getClass().getName() + ")");
        }
    }

    /**
     * Returns the HTTP port the service listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Returns the loopback TLS port whose generated certificate the {@code tls-self} check reads;
     * it serves the health endpoints too.
     *
     * @return the port
     */
    public int tlsPort() {
        return tls.getAddress().getPort();
    }

    /**
     * Waits until every check has its first result (the service serves before that, answering
     * "not ready"); for tests.
     *
     * @param timeout how long to wait at most
     * @return true when every check has a first result
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return monitor.awaitReady(timeout);
    }

    /** Stops the servers and the monitor, and closes the connections the demo opened. */
    @Override
    public void close() {
        resources.close();
    }

    /**
     * Runs the service until the process is stopped.
     *
     * @param args ignored; configuration comes from the environment
     * @throws Exception if the service cannot start
     */
    public static void main(String[] args) throws Exception {
        DemoService service;
        try {
            service = start(System.getenv());
        } catch (IllegalArgumentException e) {
            // A configuration error: say which, without a stack trace that could quote a credential.
            System.err.println("demo: " + Redactor.redact(e.getMessage()));
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "demo-shutdown"));
    }
}
