package io.healthmonitor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A private server process for tests that stop, kill or restart their dependency: a
 * {@code redis-server} or {@code nats-server} of the test's own on an ephemeral loopback port,
 * never the shared one.
 *
 * <pre>{@code
 * try (ServerProcess redis = ServerProcess.start("redis", port -> List.of(
 *         "redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", ""))) {
 *     redis.kill();      // SIGKILL, like a crash
 *     redis.restart();   // same command, same port
 * }
 * }</pre>
 *
 * <p>Its output goes to a log file in a temporary directory, named in failure messages. A
 * shutdown hook kills the process if the test JVM exits without closing it. Not thread-safe: one
 * test drives it.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(15);

    private final String name;
    private final int port;
    private final List<String> command;
    private final Path log;
    private Process process;
    private Thread reaper;

    private ServerProcess(String name, int port, List<String> command, Path log) {
        this.name = name;
        this.port = port;
        this.command = command;
        this.log = log;
    }

    /**
     * Starts a server on a free loopback port and waits until it accepts connections.
     *
     * @param name    a name for messages and the log file
     * @param command builds the command line for a given port
     * @return the running server
     * @throws IllegalStateException if it does not listen within 15 s
     */
    public static ServerProcess start(String name, IntFunction<List<String>> command) {
        return start(name, freePort(), command);
    }

    /**
     * Starts a server on the given port and waits until it accepts connections.
     *
     * @param name    a name for messages and the log file
     * @param port    the port to pass to {@code command}
     * @param command builds the command line for a given port
     * @return the running server
     * @throws IllegalStateException if it does not listen within 15 s
     */
    public static ServerProcess start(String name, int port, IntFunction<List<String>> command) {
        Objects.requireNonNull(name, "name");
        try {
            Path log = Files.createTempFile("healthmonitor-" + name + "-", ".log");
            ServerProcess server = new ServerProcess(name, port, List.copyOf(command.apply(port)), log);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Returns a loopback port that was free a moment ago.
     *
     * @return the port
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /**
     * Returns the server's port on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the file the server's output goes to.
     *
     * @return the log file
     */
    public Path log() {
        return log;
    }

    /**
     * Returns the operating system's process id, to send the server signals (for example
     * {@code nats-server --signal ldm=<pid>}).
     *
     * @return the pid
     * @throws IllegalStateException if the process was never started
     */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /**
     * Returns whether the process is alive.
     *
     * @return true while it runs
     */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the process at once (SIGKILL), like a crash, and waits for it to be gone. */
    public void kill() {
        stop(true);
    }

    /** Stops the process gracefully (SIGTERM), and kills it if it is still there after 10 s. */
    public void stop() {
        stop(false);
    }

    /**
     * Starts the same command on the same port again, after stopping the process if it runs.
     *
     * @throws IllegalStateException if it does not listen within 15 s
     */
    public void restart() {
        if (isRunning()) {
            stop(false);
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart " + name, e);
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (isRunning()) {
            stop(true);
        }
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        // A test JVM that dies (a killed fork, a timeout) must not leave its server behind.
        Process started = process;
        reaper = new Thread(started::destroyForcibly, "reap-" + name + "-" + port);
        Runtime.getRuntime().addShutdownHook(reaper);
        long giveUpAt = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < giveUpAt) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (listening()) {
                return;
            }
            pause(Duration.ofMillis(25));
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not listen on 127.0.0.1:" + port + " within " + STARTUP + "; see " + log);
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void stop(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (reaper != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it kills the process anyway
            }
            reaper = null;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The port must be free before anyone restarts on it.
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (listening() && System.nanoTime() < giveUpAt) {
            pause(Duration.ofMillis(25));
        }
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
