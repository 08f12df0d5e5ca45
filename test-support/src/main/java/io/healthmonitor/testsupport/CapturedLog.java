package io.healthmonitor.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What slf4j-simple (the tests' slf4j binding) writes while open: it writes each event as one line
 * to whatever {@link System#err} is at that moment, so this tees {@code System.err}, still showing
 * everything on the real stream, and keeps a copy. Open one at a time; thread-safe.
 */
public final class CapturedLog implements AutoCloseable {

    private final PrintStream original;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private CapturedLog() {
        this.original = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (copy) {
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (copy) {
                    copy.write(bytes, offset, length);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        }, true, StandardCharsets.UTF_8));
    }

    /**
     * Starts capturing.
     *
     * @return the capture, to close when done
     */
    public static CapturedLog start() {
        return new CapturedLog();
    }

    /**
     * Returns everything written so far.
     *
     * @return the text, of any logger
     */
    public String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Returns every line written so far.
     *
     * @return the lines, of any logger
     */
    public List<String> lines() {
        return text().lines().toList();
    }

    /**
     * Returns the lines of one logger, such as {@code [thread] WARN io.healthmonitor.nats.X - text}.
     *
     * @param logger the class the logger is named after
     * @return its lines, at any level
     */
    public List<String> lines(Class<?> logger) {
        String marker = " " + logger.getName() + " - ";
        return lines().stream().filter(line -> line.contains(marker)).toList();
    }

    /**
     * Returns the lines of one logger at one level.
     *
     * @param logger the class the logger is named after
     * @param level  {@code INFO}, {@code WARN}, ...
     * @return its lines at that level
     */
    public List<String> lines(Class<?> logger, String level) {
        String marker = "] " + level + " " + logger.getName() + " - ";
        return lines().stream().filter(line -> line.contains(marker)).toList();
    }

    /** Stops capturing: {@code System.err} is the stream it was again. */
    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
