package io.healthmonitor.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an {@link Endpoints} router on the JDK's built-in {@link HttpServer}: no servlet container,
 * no dependency.
 *
 * <pre>{@code
 * HttpServer server = JdkHttpHandler.createServer(new InetSocketAddress(8080));   // hardened defaults
 * JdkHttpHandler.of(endpoints).mount(server);
 * server.start();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class JdkHttpHandler implements HttpHandler {

    /** The most platform threads {@link #createServer} lets serve requests at once, before Java 21 (later: virtual threads, no bound). */
    public static final int MAX_THREADS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(JdkHttpHandler.class);
    /** The time {@link #createServer} gives a client to send its whole request (line, headers and body), in seconds. */
    public static final int MAX_REQUEST_SECONDS = 10;
    /** The time {@link #createServer} gives a client to take its answer, in seconds. */
    public static final int MAX_RESPONSE_SECONDS = 10;

    private final Endpoints endpoints;

    private JdkHttpHandler(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * Returns a handler for the router.
     *
     * @param endpoints the router
     * @return the handler
     */
    public static JdkHttpHandler of(Endpoints endpoints) {
        return new JdkHttpHandler(Objects.requireNonNull(endpoints, "endpoints"));
    }

    /**
     * Returns a handler for the given endpoints at the root, for the simple case:
     * {@code JdkHttpHandler.of(HealthEndpoints.builder(monitor).build()).mount(server)}.
     *
     * @param endpoints the endpoints, asked in order
     * @return the handler
     */
    public static JdkHttpHandler of(Endpoint... endpoints) {
        return of(Endpoints.of(endpoints));
    }

    /**
     * Creates an {@link HttpServer} with defaults that keep the health endpoints answering under
     * load and hostile clients, unless the JVM was started with other values:
     * {@code sun.net.httpserver.nodelay=true} (without it every keep-alive answer waits ~40 ms for
     * the client's delayed ACK), {@code sun.net.httpserver.maxReqTime=10} (a client that has not
     * sent its whole request, line, headers and body, within {@value #MAX_REQUEST_SECONDS} s is
     * disconnected: slowloris, and an upload whose body stops arriving), {@code sun.net.httpserver.maxRspTime=10} (a client that has not taken its answer
     * within {@value #MAX_RESPONSE_SECONDS} s is disconnected: one that asks and never reads would
     * otherwise hold the thread writing to it for good), and an executor that gives every request a virtual thread on Java 21 and later,
     * so that slow clients holding threads do not starve the probes; on Java 17 to 20, up to
     * {@value #MAX_THREADS} daemon threads that die when idle, and a connection that finds them all
     * busy is closed (logged at most once a minute). These properties are read
     * once per JVM, when its first {@code HttpServer} is created: call this before any other.
     *
     * @param address the address to bind
     * @return a server, not started; stop it with {@code stop(..)} (its threads are daemons)
     * @throws IOException if the address cannot be bound
     */
    public static HttpServer createServer(InetSocketAddress address) throws IOException {
        Objects.requireNonNull(address, "address");
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        setIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS));
        setIfAbsent("sun.net.httpserver.maxRspTime", String.valueOf(MAX_RESPONSE_SECONDS));
        HttpServer server = HttpServer.create(address, 0);
        server.setExecutor(requestThreads());
        return server;
    }

    /**
     * Mounts this handler on {@code server} at the router's base path (the root when it has none,
     * so that every path, unknown ones included, is answered by the router).
     *
     * @param server the server
     * @return this handler
     */
    public JdkHttpHandler mount(HttpServer server) {
        Objects.requireNonNull(server, "server");
        server.createContext(endpoints.basePath().isEmpty() ? "/" : endpoints.basePath(), this);
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            EndpointResponse response = endpoints.handle(request(exchange));
            if (response.challengedByServer()) {
                // The JDK's server authenticates (its HttpContext's Authenticator) before a handler, never after.
                response = response.withHeader("WWW-Authenticate", EndpointResponse.BEARER_CHALLENGE);
            }
            Headers headers = exchange.getResponseHeaders();
            for (Map.Entry<String, String> header : response.headers().entrySet()) {
                headers.set(header.getKey(), header.getValue());
            }
            if ("HEAD".equals(exchange.getRequestMethod()) || response.body().length == 0) {
                exchange.sendResponseHeaders(response.status(), -1);
                return;
            }
            exchange.sendResponseHeaders(response.status(), response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private static EndpointRequest request(HttpExchange exchange) {
        EndpointRequest.Builder request = EndpointRequest.builder(exchange.getRequestMethod(), path(exchange.getRequestURI()))
                .rawQuery(exchange.getRequestURI().getRawQuery())
                .remoteAddress(exchange.getRemoteAddress() == null ? null : exchange.getRemoteAddress().getAddress());
        exchange.getRequestHeaders().forEach(request::header);
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
        }
        return request.body(declared, exchange.getRequestBody()).build();
    }

    /**
     * The path as sent. The JDK's server parses the request target as a URI, so {@code //x/health}
     * has the authority {@code x} and the path {@code /health}: the router is given {@code //x/health},
     * which it refuses, as every other binding does.
     */
    static String path(URI target) {
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        return target.getScheme() == null && target.getRawAuthority() != null ? "//" + target.getRawAuthority() + path : path;
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /**
     * The request threads: the JDK's server reads a request's line and headers on them, so a slow
     * client holds one until it is done or disconnected. On Java 21 and later every request gets a
     * virtual thread, so slow clients cost memory, not threads; before, up to {@value #MAX_THREADS}
     * platform threads, and a connection that finds them all busy is closed, with a warning.
     */
    static ExecutorService requestThreads() {
        ThreadFactory virtual = virtualThreads();
        if (virtual != null) {
            return newThreadPerTaskExecutor(virtual);
        }
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "healthmonitor-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new Saturated());
    }

    /** A factory of virtual threads named {@code healthmonitor-http-N}, or null before Java 21. */
    static @Nullable ThreadFactory virtualThreads() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> type = Class.forName("java.lang.Thread$Builder");   // the public interface, not the JDK's class
            builder = type.getMethod("name", String.class, long.class).invoke(builder, "healthmonitor-http-", 0L);
            return (ThreadFactory) type.getMethod("factory").invoke(builder);
        } catch (NoSuchMethodException e) {
            return null;   // Java 17 to 20
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create virtual threads", e);
        }
    }

    private static ExecutorService newThreadPerTaskExecutor(ThreadFactory factory) {
        try {
            return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class).invoke(null, factory);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a thread-per-task executor", e);
        }
    }

    /**
     * Refuses a request when every platform request thread is busy, which makes the JDK's server
     * close the connection; says so at most once a minute, with how many were refused.
     */
    private static final class Saturated implements RejectedExecutionHandler {
        private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
        private final AtomicLong refused = new AtomicLong();
        private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

        @Override
        public void rejectedExecution(Runnable request, ThreadPoolExecutor executor) {
            long count = refused.incrementAndGet();
            long due = nextWarning.get();
            if (System.nanoTime() - due >= 0 && nextWarning.compareAndSet(due, System.nanoTime() + WARN_EVERY_NANOS)) {
                LOG.warn("all {} request threads are busy (slow or stalled clients?): closed the new connection; {} refused "
                        + "so far. On Java 21 or later requests run on virtual threads and this limit does not apply",
                        MAX_THREADS, count);
            }
            throw new RejectedExecutionException("all " + MAX_THREADS + " request threads are busy");
        }
    }
}
