package io.healthmonitor.corim.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthmonitor.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The store contract against {@link CorimProfileStore#inMemory(java.time.InstantSource)}, with a
 * clock the test moves, and the bounds of the memory store.
 */
class MemoryCorimProfileStoreTest extends ProfileStoreContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));

    @Override
    CorimProfileStore store() {
        return CorimProfileStore.inMemory(clock);
    }

    @Override
    Instant now() {
        return clock.instant();
    }

    @Override
    void passExpiryOf(StoredProfile profile) {
        clock.set(profile.expiresAt().plus(Duration.ofMillis(1)));
    }

    private MemoryCorimProfileStore bounded(int profiles, long bytes) {
        return MemoryCorimProfileStore.builder().clock(clock).maxProfiles(profiles).maxBytes(bytes).build();
    }

    @Test
    void refusesANewProfileBeyondItsCountButReplacesAndMakesRoom() {
        MemoryCorimProfileStore store = bounded(2, Long.MAX_VALUE);
        put(store, ServiceCorims.corim("a", now(), Duration.ofDays(3)));
        put(store, ServiceCorims.corim("b", now(), Duration.ofDays(3)));

        byte[] third = ServiceCorims.corim("c", now(), Duration.ofDays(3));
        assertThatThrownBy(() -> put(store, third)).isInstanceOf(CorimStoreFullException.class)
                .isInstanceOf(CorimStoreException.class).hasMessageContaining("maximum of 2 profiles");
        assertThat(store.get("c")).isEmpty();
        assertThat(store.count()).isEqualTo(2);

        put(store, ServiceCorims.corim("b", now(), Duration.ofDays(5)));
        assertThat(store.delete("a")).isTrue();
        put(store, third);
        assertThat(store.list()).extracting(StoredProfile::id).containsExactly("b", "c");
    }

    @Test
    void refusesAProfileBeyondItsBytes() {
        byte[] small = ServiceCorims.corim("small", now(), now().plus(Duration.ofDays(3)), 1);
        byte[] large = ServiceCorims.corim("large", now(), now().plus(Duration.ofDays(3)), 40);
        MemoryCorimProfileStore store = bounded(100, small.length + large.length - 1);
        put(store, small);
        assertThatThrownBy(() -> put(store, large)).isInstanceOf(CorimStoreFullException.class)
                .hasMessageContaining("does not fit");
        assertThat(store.delete("small")).isTrue();
        put(store, large);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void expiredProfilesDoNotCountAgainstTheBounds() {
        MemoryCorimProfileStore store = bounded(1, Long.MAX_VALUE);
        StoredProfile shortLived = put(store, ServiceCorims.corim("short", now().minusSeconds(60), now().plusSeconds(2), 1));
        passExpiryOf(shortLived);
        put(store, ServiceCorims.corim("next", now(), Duration.ofDays(3)));
        assertThat(store.list()).extracting(StoredProfile::id).containsExactly("next");
    }

    @Test
    void theDefaultStoreIsBounded() {
        assertThat(CorimProfileStore.inMemory()).hasToString("MemoryCorimProfileStore[maxProfiles="
                + MemoryCorimProfileStore.DEFAULT_MAX_PROFILES + ", maxBytes=" + MemoryCorimProfileStore.DEFAULT_MAX_BYTES + "]");
        assertThatThrownBy(() -> MemoryCorimProfileStore.builder().maxProfiles(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemoryCorimProfileStore.builder().maxBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
