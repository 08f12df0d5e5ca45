package io.healthmonitor.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Integration-test guards: a test whose server or binary is absent is skipped (visible as
 * skipped), unless the system property {@code healthmonitor.it.required} is {@code true}, when it
 * fails instead. CI sets the property, so a missing server can never pass silently there.
 */
public final class RequiredServices {

    /** The system property that turns skips into failures. */
    public static final String REQUIRED_PROPERTY = "healthmonitor.it.required";

    private RequiredServices() {
    }

    /**
     * Returns whether absent servers fail tests rather than skip them.
     *
     * @return true when {@code -Dhealthmonitor.it.required=true}
     */
    public static boolean required() {
        return Boolean.getBoolean(REQUIRED_PROPERTY);
    }

    /**
     * Skips (or fails) the test unless something accepts TCP connections at {@code host:port}.
     *
     * @param name a name for messages, such as {@code PostgreSQL}
     * @param host the host, normally {@code 127.0.0.1}
     * @param port the port
     */
    public static void assumeListening(String name, String host, int port) {
        Objects.requireNonNull(name, "name");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
        } catch (IOException e) {
            absent(name + " is not listening on " + host + ":" + port + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Finds an executable on the {@code PATH} (and in {@code /usr/sbin}, {@code /usr/bin}), or
     * skips (or fails) the test when there is none.
     *
     * @param command the executable's name, such as {@code redis-server}
     * @return its path
     */
    public static Path assumeCommand(String command) {
        Objects.requireNonNull(command, "command");
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator
                + "/usr/bin" + File.pathSeparator + "/usr/local/bin";
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        absent(command + " is not installed");
        throw new AssertionError("unreachable");
    }

    private static void absent(String reason) {
        if (required()) {
            Assertions.fail(reason + ", and " + REQUIRED_PROPERTY + "=true");
        }
        Assumptions.abort(reason + "; skipped (set -D" + REQUIRED_PROPERTY + "=true to fail instead)");
    }
}
