package io.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One check's recent history, bounded by a window and a number of entries: its changes, and its
 * samples in a ring of primitive arrays (17 bytes a sample, grown on demand), so that recording a
 * sample on the hot path allocates nothing once the ring has grown. Not thread-safe: its
 * {@link CheckRunner} guards it with the lock it already holds when it stores a result, so the hot
 * path takes no lock of its own.
 */
final class Timeline {

    private static final HealthStatus[] STATUSES = HealthStatus.values();
    private static final int INITIAL_CAPACITY = 16;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final String name;
    private final long windowNanos;
    private final int limit;
    private final ChangeLog changes;
    /** When each sample was taken, in nanoseconds since the epoch (exact until 2262). */
    private long[] sampleEpochNanos = new long[0];
    private long[] sampleNanos = new long[0];
    private byte[] sampleStatus = new byte[0];
    /** Index of the oldest sample. */
    private int head;
    private int size;

    Timeline(String name, Duration window, int limit) {
        this.name = name;
        this.windowNanos = window.toNanos();
        this.limit = limit;
        this.changes = new ChangeLog(window.toMillis(), limit);
    }

    /** Records an invocation's result; drops what fell out of the window or over the limit. */
    void sample(Instant at, long responseNanos, HealthStatus status) {
        if (limit == 0) {
            return;
        }
        long atNanos = at.getEpochSecond() * NANOS_PER_SECOND + at.getNano();
        long cutoff = atNanos - windowNanos;
        while (size > 0 && sampleEpochNanos[head] < cutoff) {
            dropOldest();
        }
        if (size == sampleEpochNanos.length) {
            if (size == limit) {
                dropOldest();
            } else {
                grow();
            }
        }
        int slot = wrap(head + size);
        sampleEpochNanos[slot] = atNanos;
        sampleNanos[slot] = responseNanos;
        sampleStatus[slot] = (byte) status.ordinal();
        size++;
    }

    private void dropOldest() {
        head = wrap(head + 1);
        size--;
    }

    /** An index past the end of the ring, taken back to its start: a division per sample would cost more than the rest of it. */
    private int wrap(int index) {
        return index < sampleEpochNanos.length ? index : index - sampleEpochNanos.length;
    }

    /** Records a change of the reported status. */
    void change(HealthHistory.Change change) {
        changes.add(change);
    }

    /** A copy of what happened at or after {@code cutoffMillis}, and the change before it. */
    HealthHistory.Check snapshot(long cutoffMillis) {
        List<HealthHistory.Change> recent = changes.since(cutoffMillis);
        List<HealthHistory.Sample> samples = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int slot = wrap(head + i);
            long atNanos = sampleEpochNanos[slot];
            if (atNanos >= cutoffMillis * 1_000_000L) {
                samples.add(new HealthHistory.Sample(Instant.ofEpochSecond(0, atNanos),
                        Duration.ofNanos(sampleNanos[slot]), STATUSES[sampleStatus[slot]]));
            }
        }
        return new HealthHistory.Check(name, recent, samples);
    }

    /** Must hold the lock; the ring is full and below the limit. */
    private void grow() {
        int capacity = Math.min(limit, Math.max(INITIAL_CAPACITY, sampleEpochNanos.length * 2));
        long[] epochNanos = new long[capacity];
        long[] nanos = new long[capacity];
        byte[] status = new byte[capacity];
        for (int i = 0; i < size; i++) {
            int slot = wrap(head + i);
            epochNanos[i] = sampleEpochNanos[slot];
            nanos[i] = sampleNanos[slot];
            status[i] = sampleStatus[slot];
        }
        sampleEpochNanos = epochNanos;
        sampleNanos = nanos;
        sampleStatus = status;
        head = 0;
    }
}
