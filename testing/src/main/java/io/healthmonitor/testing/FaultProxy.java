package io.healthmonitor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process TCP proxy on a loopback ephemeral port that injects network faults between a
 * client and a real server: latency, a blackhole and connection resets.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", 5432))) {
 *     String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test";
 *     proxy.blackhole();   // connections stay open, nothing gets through
 *     proxy.heal();        // held bytes flow again, in order
 * }
 * }</pre>
 *
 * <p>A blackhole behaves like a network partition under TCP: connections are accepted and kept,
 * bytes are held rather than dropped, and {@link #heal()} delivers them in order, so a protocol
 * stream is never corrupted. {@link #reset()} aborts every connection with a TCP RST and refuses
 * new ones the same way until healed. Thread-safe; its threads are daemon threads, and
 * {@link #close()} stops them all.
 */
public final class FaultProxy implements AutoCloseable {

    private enum Mode { PASS, BLACKHOLE, RESET }

    private static final int BUFFER_SIZE = 16 * 1024;

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadCount = new AtomicInteger();
    private final Object modeLock = new Object();
    private Mode mode = Mode.PASS;
    private volatile long latencyNanos;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target, ServerSocket server) {
        this.target = target;
        this.server = server;
    }

    /**
     * Starts a pass-through proxy to {@code target} on 127.0.0.1 and an ephemeral port.
     *
     * @param target the real server
     * @return the running proxy
     * @throws UncheckedIOException if no port can be bound
     */
    public static FaultProxy start(InetSocketAddress target) {
        Objects.requireNonNull(target, "target");
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultProxy proxy = new FaultProxy(target, server);
            proxy.spawn("accept", proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port for the fault proxy", e);
        }
    }

    /**
     * Returns the proxy's port on {@link #host()}.
     *
     * @return the port
     */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * Returns the proxy's host, {@code 127.0.0.1}.
     *
     * @return the loopback address as text
     */
    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    /**
     * Delays every chunk of bytes, in both directions, by {@code delay}. Zero removes the latency.
     *
     * @param delay the added latency
     * @return this proxy
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public FaultProxy latency(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0");
        }
        latencyNanos = delay.toNanos();
        return this;
    }

    /**
     * Holds every byte in both directions, on open and new connections, until {@link #heal()}.
     *
     * @return this proxy
     */
    public FaultProxy blackhole() {
        setMode(Mode.BLACKHOLE);
        return this;
    }

    /**
     * Aborts every open connection with a TCP RST, and new ones too until {@link #heal()}.
     *
     * @return this proxy
     */
    public FaultProxy reset() {
        setMode(Mode.RESET);
        for (Socket socket : sockets) {
            abort(socket);
        }
        return this;
    }

    /**
     * Ends the blackhole or reset mode and removes latency: bytes flow again.
     *
     * @return this proxy
     */
    public FaultProxy heal() {
        latencyNanos = 0;
        setMode(Mode.PASS);
        return this;
    }

    /**
     * Returns how many sockets the proxy holds open now, client and server sides counted apart.
     *
     * @return the number of open sockets
     */
    public int openSockets() {
        return sockets.size();
    }

    /** Stops listening and closes every connection. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(this::abort);
        setMode(Mode.PASS);
    }

    private void setMode(Mode newMode) {
        synchronized (modeLock) {
            mode = newMode;
            modeLock.notifyAll();
        }
    }

    /** Blocks while blackholed; returns false when the connection must be reset. */
    private boolean awaitPassage() throws InterruptedException {
        synchronized (modeLock) {
            while (mode == Mode.BLACKHOLE && !closed) {
                modeLock.wait();
            }
            return mode == Mode.PASS && !closed;
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                spawn("connect", () -> connect(client));
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = null;
        try {
            if (!awaitPassage()) {
                abort(client);
                return;
            }
            upstream = new Socket();
            sockets.add(upstream);
            upstream.connect(target, (int) TimeUnit.SECONDS.toMillis(10));
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            Socket server = upstream;
            spawn("upstream", () -> pump(client, server));
            spawn("downstream", () -> pump(server, client));
        } catch (IOException e) {
            abort(client);
            if (upstream != null) {
                abort(upstream);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(client);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (!awaitPassage()) {
                    break;
                }
                long delay = latencyNanos;
                if (delay > 0) {
                    TimeUnit.NANOSECONDS.sleep(delay);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the connection ended; close both sides below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (mode == Mode.RESET) {
                abort(from);
                abort(to);
            } else {
                closeQuietly(from);
                closeQuietly(to);
            }
        }
    }

    private void spawn(String role, Runnable task) {
        Thread thread = new Thread(task, "fault-proxy-" + port() + "-" + role + "-" + threadCount.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes with SO_LINGER 0, which sends a TCP RST instead of a FIN. */
    private void abort(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            // closing anyway
        }
        closeQuietly(socket);
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[127.0.0.1:" + port() + " -> " + target + ", mode=" + mode + "]";
    }
}
