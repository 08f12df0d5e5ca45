package io.healthmonitor;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a monitor's events to its listeners, off the thread that produced them, one at a time
 * and in order. A listener that throws is logged and the others still hear of the event.
 */
final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final Executor events;
    private final List<HealthListener> all;
    private final List<HealthListener> ofResults;

    Listeners(Executor delegate, List<HealthListener> listeners) {
        this.events = new SerialExecutor(delegate);
        this.all = List.copyOf(listeners);
        // Most listeners only care about changes; every result is cheap only if nobody is told of it.
        this.ofResults = all.stream().filter(Listeners::overridesOnResult).toList();
    }

    void result(CheckResult result) {
        if (!ofResults.isEmpty()) {
            events.execute(() -> tell(ofResults, listener -> listener.onResult(result)));
        }
    }

    void change(StatusChange change) {
        if (!all.isEmpty()) {
            events.execute(() -> tell(all, listener -> listener.onStatusChange(change)));
        }
    }

    private static void tell(List<HealthListener> listeners, Consumer<HealthListener> event) {
        for (HealthListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("health listener {} failed: {}", listener.getClass().getName(), HealthResult.describe(e));
            }
        }
    }

    private static boolean overridesOnResult(HealthListener listener) {
        try {
            return listener.getClass().getMethod("onResult", CheckResult.class).getDeclaringClass() != HealthListener.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }
}
