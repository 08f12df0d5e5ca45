package io.healthmonitor.fleet;

import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The view's copy of the bucket: the latest valid summary per key, fed by a watch. Each watch is
 * a generation, and events of older watches are ignored. A new watch's replay overwrites what it
 * replays but removes nothing: a replay can come up empty while a cluster elects a stream leader,
 * and a key deleted while the view was not watching ages out anyway. Entries that are not
 * summaries are skipped, counted, and remove the key's previous value (it no longer describes the
 * instance). Once closed, it ignores every watch. Thread-safe: jnats delivers on its dispatcher
 * thread while snapshots read.
 */
final class BucketMirror {

    /**
     * A key's latest valid summary.
     *
     * @param summary    the summary
     * @param created    when the bucket stored it (the server's clock)
     */
    record Stored(Summary summary, Instant created) {
    }

    private final Map<String, Stored> entries = new ConcurrentHashMap<>();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();
    private final int maxEntries;
    private volatile boolean synced;
    private volatile boolean closed;
    private volatile long lastEventNanos = System.nanoTime();

    BucketMirror(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Starts a generation: returns the watcher for the new watch. */
    KeyValueWatcher nextWatch() {
        long current = generation.incrementAndGet();
        synced = false;
        return new Generation(current);
    }

    /** Ignores every watch's events from now on, those of watches made later too: the view closed. */
    void close() {
        closed = true;
    }

    Map<String, Stored> entries() {
        return entries;
    }

    long skipped() {
        return skipped.get();
    }

    boolean synced() {
        return synced;
    }

    long lastEventNanos() {
        return lastEventNanos;
    }

    void remove(String key, Stored stored) {
        entries.remove(key, stored);
    }

    private void apply(KeyValueEntry entry) {
        lastEventNanos = System.nanoTime();
        String key = entry.getKey();
        String[] parts = key == null ? null : FleetKeys.split(key);
        if (parts == null) {
            skipped.incrementAndGet();
            return;
        }
        KeyValueOperation operation = entry.getOperation();
        if (operation != KeyValueOperation.PUT) {
            entries.remove(key);
            return;
        }
        byte[] value = entry.getValue();
        try {
            Summary summary = SummaryJson.read(parts[0], parts[1], value == null ? new byte[0] : value);
            if (entries.size() >= maxEntries && !entries.containsKey(key)) {
                skipped.incrementAndGet();
                return;
            }
            ZonedDateTime created = entry.getCreated();
            entries.put(key, new Stored(summary, created == null ? Instant.now() : created.toInstant()));
        } catch (IllegalArgumentException malformed) {
            skipped.incrementAndGet();
            entries.remove(key);
        }
    }

    private void endOfData() {
        lastEventNanos = System.nanoTime();
        synced = true;
    }

    /** The watcher of one watch; does nothing once a newer watch started. */
    private final class Generation implements KeyValueWatcher {
        private final long watch;

        Generation(long watch) {
            this.watch = watch;
        }

        @Override
        public void watch(KeyValueEntry entry) {
            if (!closed && watch == generation.get()) {
                apply(entry);
            }
        }

        @Override
        public void endOfData() {
            if (!closed && watch == generation.get()) {
                BucketMirror.this.endOfData();
            }
        }
    }
}
