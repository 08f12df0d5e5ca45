package io.healthmonitor.corim.service;

import io.healthmonitor.corim.CorimValidationResult;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CorimProfileStore} in this process's memory, bounded: it holds at most
 * {@link Builder#maxProfiles(int)} profiles of at most {@link Builder#maxBytes(long)} bytes in
 * all, and refuses a new profile beyond either with {@link CorimStoreFullException} (a profile
 * replacing one of the same id needs room only for the difference). Profiles are dropped at their
 * expiry by the store's clock; expired ones never count against the bounds.
 *
 * <pre>{@code
 * CorimProfileStore store = MemoryCorimProfileStore.builder()
 *         .maxProfiles(1_000)                 // default 1,000
 *         .maxBytes(64 * 1024 * 1024)         // default 64 MiB
 *         .build();                           // or CorimProfileStore.inMemory() for the defaults
 * }</pre>
 *
 * <p>One map entry holds a profile's bytes and metadata, so a put is atomic; entries are ordered
 * by id, so a {@link #page(String, int) page} costs its size, not the store's. Immutable
 * configuration, thread-safe: reads take no lock, changes take one small lock that keeps the
 * totals in step.
 */
public final class MemoryCorimProfileStore implements CorimProfileStore {

    /** The default bound on the number of profiles. */
    public static final int DEFAULT_MAX_PROFILES = 1_000;
    /** The default bound on the bytes of all profiles together: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private record Entry(StoredProfile profile, byte[] corim) {
        boolean expired(Instant now) {
            return profile.expiresAt() != null && !now.isBefore(profile.expiresAt());
        }
    }

    private final InstantSource clock;
    private final int maxProfiles;
    private final long maxBytes;
    private final ConcurrentSkipListMap<String, Entry> entries = new ConcurrentSkipListMap<>();
    /** Guards every change of {@link #entries} and the totals below. */
    private final Object lock = new Object();
    private int count;
    private long bytes;

    private MemoryCorimProfileStore(Builder b) {
        this.clock = b.clock;
        this.maxProfiles = b.maxProfiles;
        this.maxBytes = b.maxBytes;
    }

    /**
     * Starts a store with the system clock and the default bounds.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public StoredProfile put(byte[] corim, CorimValidationResult result) {
        Instant now = clock.instant();
        StoredProfile profile = Stored.describe(corim, result, now);
        Entry entry = new Entry(profile, corim.clone());
        synchronized (lock) {
            if (!fits(entries.get(profile.id()), corim.length)) {
                removeExpired(now);
                Entry old = entries.get(profile.id());
                if (!fits(old, corim.length)) {
                    throw new CorimStoreFullException(count + (old == null ? 1 : 0) > maxProfiles
                            ? "the store holds its maximum of " + maxProfiles + " profiles"
                            : "a profile of " + corim.length + " bytes does not fit in the " + maxBytes
                                    + " bytes the store may hold (" + bytes + " used)");
                }
            }
            Entry old = entries.put(profile.id(), entry);
            count += old == null ? 1 : 0;
            bytes += corim.length - (old == null ? 0 : old.corim().length);
        }
        return profile;
    }

    /** Whether replacing {@code old} (or adding, when null) with {@code size} bytes stays within the bounds. */
    private boolean fits(@Nullable Entry old, int size) {
        int newCount = count + (old == null ? 1 : 0);
        long newBytes = bytes + size - (old == null ? 0 : old.corim().length);
        return newCount <= maxProfiles && newBytes <= maxBytes;
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
        return page(entries, Integer.MAX_VALUE - 1).profiles();
    }

    @Override
    public ProfilePage page(@Nullable String after, int limit) {
        ProfilePage.checkLimit(limit);
        return page(after == null ? entries : entries.tailMap(StoredProfile.checkId(after), false), limit);
    }

    /** The first {@code limit} live profiles of {@code from}, dropping the expired ones met. */
    private ProfilePage page(NavigableMap<String, Entry> from, int limit) {
        Instant now = clock.instant();
        List<StoredProfile> page = new ArrayList<>(Math.min(limit, 64));
        for (Map.Entry<String, Entry> e : from.entrySet()) {
            if (e.getValue().expired(now)) {
                remove(e.getKey(), e.getValue());
            } else if (page.size() == limit) {
                return new ProfilePage(page, page.get(page.size() - 1).id());
            } else {
                page.add(e.getValue().profile());
            }
        }
        return new ProfilePage(page, null);
    }

    @Override
    public boolean delete(String id) {
        StoredProfile.checkId(id);
        Entry removed;
        synchronized (lock) {
            removed = entries.remove(id);
            if (removed != null) {
                count--;
                bytes -= removed.corim().length;
            }
        }
        return removed != null && !removed.expired(clock.instant());
    }

    @Override
    public int count() {
        synchronized (lock) {
            removeExpired(clock.instant());
            return count;
        }
    }

    private Optional<Entry> live(String id) {
        StoredProfile.checkId(id);
        Entry entry = entries.get(id);
        if (entry != null && entry.expired(clock.instant())) {
            remove(id, entry);
            return Optional.empty();
        }
        return Optional.ofNullable(entry);
    }

    private void remove(String id, Entry entry) {
        synchronized (lock) {
            if (entries.remove(id, entry)) {
                count--;
                bytes -= entry.corim().length;
            }
        }
    }

    /** Drops every expired entry; the caller holds the lock. */
    private void removeExpired(Instant now) {
        entries.forEach((id, entry) -> {
            if (entry.expired(now) && entries.remove(id, entry)) {
                count--;
                bytes -= entry.corim().length;
            }
        });
    }

    @Override
    public String toString() {
        return "MemoryCorimProfileStore[maxProfiles=" + maxProfiles + ", maxBytes=" + maxBytes + "]";
    }

    /** Configures a {@link MemoryCorimProfileStore}. Not thread-safe. */
    public static final class Builder {
        private InstantSource clock = InstantSource.system();
        private int maxProfiles = DEFAULT_MAX_PROFILES;
        private long maxBytes = DEFAULT_MAX_BYTES;

        private Builder() {
        }

        /**
         * Sets how many profiles the store may hold (default {@value #DEFAULT_MAX_PROFILES}).
         *
         * @param profiles a positive number
         * @return this builder
         * @throws IllegalArgumentException if {@code profiles} is not positive
         */
        public Builder maxProfiles(int profiles) {
            if (profiles <= 0) {
                throw new IllegalArgumentException("maxProfiles must be > 0");
            }
            this.maxProfiles = profiles;
            return this;
        }

        /**
         * Sets how many bytes all profiles together may take (default 64 MiB).
         *
         * @param total a positive number of bytes
         * @return this builder
         * @throws IllegalArgumentException if {@code total} is not positive
         */
        public Builder maxBytes(long total) {
            if (total <= 0) {
                throw new IllegalArgumentException("maxBytes must be > 0");
            }
            this.maxBytes = total;
            return this;
        }

        /**
         * Sets the clock for {@link StoredProfile#storedAt()} and expiry (default the system clock).
         *
         * @param clock the time source
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the store.
         *
         * @return a new, empty, thread-safe store
         */
        public MemoryCorimProfileStore build() {
            return new MemoryCorimProfileStore(this);
        }
    }
}
