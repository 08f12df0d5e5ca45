package io.healthmonitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The status changes of a check, or of the overall status, within a window and a limit. The
 * latest change older than the window is kept, because it says which status the window starts
 * with. Not thread-safe: its owner guards it.
 */
final class ChangeLog {

    private final long windowMillis;
    private final int limit;
    private final ArrayDeque<HealthHistory.Change> changes = new ArrayDeque<>();

    ChangeLog(long windowMillis, int limit) {
        this.windowMillis = windowMillis;
        this.limit = limit;
    }

    void add(HealthHistory.Change change) {
        if (limit == 0) {
            return;
        }
        long cutoff = change.at().toEpochMilli() - windowMillis;
        while (changes.size() >= limit || changes.size() > 1 && second().at().toEpochMilli() < cutoff) {
            changes.pollFirst();
        }
        changes.addLast(change);
    }

    /** The changes at or after {@code cutoffMillis}, preceded by the latest one before it, oldest first. */
    List<HealthHistory.Change> since(long cutoffMillis) {
        List<HealthHistory.Change> recent = new ArrayList<>(changes.size());
        HealthHistory.Change before = null;
        for (HealthHistory.Change change : changes) {
            if (change.at().toEpochMilli() >= cutoffMillis) {
                recent.add(change);
            } else {
                before = change;
            }
        }
        if (before != null) {
            recent.add(0, before);
        }
        return recent;
    }

    private HealthHistory.Change second() {
        Iterator<HealthHistory.Change> iterator = changes.iterator();
        iterator.next();
        return iterator.next();
    }
}
