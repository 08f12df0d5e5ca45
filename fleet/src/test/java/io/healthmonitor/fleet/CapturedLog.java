package io.healthmonitor.fleet;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What slf4j-simple (the tests' slf4j binding) writes while open: it writes each event as one line
 * to whatever {@link System#err} is at that moment, so this tees {@code System.err} and keeps a copy.
 */
final class CapturedLog implements AutoCloseable {

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
        }, true, StandardCharsets.UTF_8));
    }

    static CapturedLog start() {
        return new CapturedLog();
    }

    /** Every line written so far, of any logger. */
    List<String> lines() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The lines of {@code logger}'s class at {@code level} ({@code INFO}, {@code WARN}, ...). */
    List<String> lines(Class<?> logger, String level) {
        String marker = "] " + level + " " + logger.getName() + " - ";
        return lines().stream().filter(line -> line.contains(marker)).toList();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
