package io.healthmonitor.examples;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the demo opened, closed in reverse order; one failure does not keep the rest open. Thread-safe. */
final class DemoResources implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoService.class);

    private final Deque<Runnable> closers = new ArrayDeque<>();

    synchronized void add(Runnable closer) {
        closers.push(closer);
    }

    @Override
    public synchronized void close() {
        while (!closers.isEmpty()) {
            try {
                closers.pop().run();
            } catch (RuntimeException e) {
                LOG.warn("closing the demo: {}", e.toString());
            }
        }
    }
}
