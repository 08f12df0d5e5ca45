package io.healthmonitor.tls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The certificates a check last read, per source, for the inventory and its meters. A source that
 * fails keeps its last certificates: an unreachable endpoint's certificate still expires when it
 * did. The one piece of mutable state of a check.
 */
final class LatestCertificates {

    private final AtomicReference<@Nullable Map<String, List<CertificateInfo>>> bySource = new AtomicReference<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Records what the sources that could be read hold now. */
    void record(Map<String, List<CertificateInfo>> read) {
        if (read.isEmpty()) {
            return;
        }
        Map<String, List<CertificateInfo>> previous;
        Map<String, List<CertificateInfo>> next;
        do {
            previous = bySource.get();
            Map<String, List<CertificateInfo>> merged = previous == null ? new LinkedHashMap<>() : new LinkedHashMap<>(previous);
            read.forEach((source, certificates) -> merged.put(source, List.copyOf(certificates)));
            next = Map.copyOf(merged);
        } while (!bySource.compareAndSet(previous, next));
        if (!next.equals(previous)) {
            listeners.forEach(Runnable::run);
        }
    }

    /** The last certificates of every source, or null when no source was ever read. */
    @Nullable List<CertificateInfo> certificates() {
        Map<String, List<CertificateInfo>> current = bySource.get();
        return current == null ? null : current.values().stream().flatMap(List::stream).toList();
    }

    /** Calls {@code listener} whenever the certificates change. */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }
}
