package io.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One check's recent history, bounded by a window and a number of entries: its changes, and its
 * samples in a ring of primitive arrays (17 bytes a sample, grown on demand), so that recording a
 * sample on the hot path allocates nothing once the ring has grown. Guarded by {@code this}.
 */
final class Timeline {

    private static final HealthStatus[] STATUSES = HealthStatus.values();
    private static final int INITIAL_CAPACITY = 16;

    private final String name;
    private final long windowMillis;
    private final int limit;
    private final ChangeLog changes;
    private long[] sampleMillis = new long[0];
    private long[] sampleNanos = new long[0];
    private byte[] sampleStatus = new byte[0];
    /** Index of the oldest sample. */
    private int head;
    private int size;

    Timeline(String name, Duration window, int limit) {
        this.name = name;
        this.windowMillis = window.toMillis();
        this.limit = limit;
        this.changes = new ChangeLog(windowMillis, limit);
    }

    /** Records an invocation's result; drops what fell out of the window or over the limit. */
    synchronized void sample(long atMillis, long responseNanos, HealthStatus status) {
        if (limit == 0) {
            return;
        }
        long cutoff = atMillis - windowMillis;
        while (size > 0 && sampleMillis[head] < cutoff) {
            head = (head + 1) % sampleMillis.length;
            size--;
        }
        if (size == sampleMillis.length) {
            if (size == limit) {
                head = (head + 1) % size;
                size--;
            } else {
                grow();
            }
        }
        int slot = (head + size) % sampleMillis.length;
        sampleMillis[slot] = atMillis;
        sampleNanos[slot] = responseNanos;
        sampleStatus[slot] = (byte) status.ordinal();
        size++;
    }

    /** Records a change of the reported status. */
    synchronized void change(HealthHistory.Change change) {
        changes.add(change);
    }

    /** A copy of what happened at or after {@code cutoffMillis}, and the change before it. */
    synchronized HealthHistory.Check snapshot(long cutoffMillis) {
        List<HealthHistory.Change> recent = changes.since(cutoffMillis);
        List<HealthHistory.Sample> samples = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int slot = (head + i) % sampleMillis.length;
            if (sampleMillis[slot] >= cutoffMillis) {
                samples.add(new HealthHistory.Sample(Instant.ofEpochMilli(sampleMillis[slot]),
                        Duration.ofNanos(sampleNanos[slot]), STATUSES[sampleStatus[slot]]));
            }
        }
        return new HealthHistory.Check(name, recent, samples);
    }

    /** Must hold the lock; the ring is full and below the limit. */
    private void grow() {
        int capacity = Math.min(limit, Math.max(INITIAL_CAPACITY, sampleMillis.length * 2));
        long[] millis = new long[capacity];
        long[] nanos = new long[capacity];
        byte[] status = new byte[capacity];
        for (int i = 0; i < size; i++) {
            int slot = (head + i) % sampleMillis.length;
            millis[i] = sampleMillis[slot];
            nanos[i] = sampleNanos[slot];
            status[i] = sampleStatus[slot];
        }
        sampleMillis = millis;
        sampleNanos = nanos;
        sampleStatus = status;
        head = 0;
    }
}
