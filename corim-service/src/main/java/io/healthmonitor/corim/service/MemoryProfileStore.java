package io.healthmonitor.corim.service;

import io.healthmonitor.corim.CorimValidationResult;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The in-memory store: one map entry holds the bytes and the metadata, so a put is atomic. */
final class MemoryProfileStore implements CorimProfileStore {

    private record Entry(StoredProfile profile, byte[] corim) {
        boolean expired(Instant now) {
            return profile.expiresAt() != null && !now.isBefore(profile.expiresAt());
        }
    }

    private final InstantSource clock;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    MemoryProfileStore(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public StoredProfile put(byte[] corim, CorimValidationResult result) {
        StoredProfile profile = Stored.describe(corim, result, clock.instant());
        entries.put(profile.id(), new Entry(profile, corim.clone()));
        return profile;
    }

    @Override
    public Optional<StoredProfile> get(String id) {
        return live(id).map(Entry::profile);
    }

    @Override
    public Optional<byte[]> content(String id) {
        return live(id).map(e -> e.corim().clone());
    }

    @Override
    public List<StoredProfile> list() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> e.expired(now));
        return entries.values().stream().map(Entry::profile).sorted(Comparator.comparing(StoredProfile::id)).toList();
    }

    @Override
    public boolean delete(String id) {
        StoredProfile.checkId(id);
        Entry removed = entries.remove(id);
        return removed != null && !removed.expired(clock.instant());
    }

    @Override
    public int count() {
        return list().size();
    }

    private Optional<Entry> live(String id) {
        StoredProfile.checkId(id);
        Entry entry = entries.get(id);
        if (entry != null && entry.expired(clock.instant())) {
            entries.remove(id, entry);
            return Optional.empty();
        }
        return Optional.ofNullable(entry);
    }

    @Override
    public String toString() {
        return "CorimProfileStore.inMemory";
    }
}
