package io.healthmonitor.corim.service;

import io.healthmonitor.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;

/** The store contract against {@link CorimProfileStore#inMemory(java.time.InstantSource)}, with a clock the test moves. */
class MemoryProfileStoreTest extends ProfileStoreContract {

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
}
