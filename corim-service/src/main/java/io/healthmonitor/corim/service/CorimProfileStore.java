package io.healthmonitor.corim.service;

import io.healthmonitor.corim.CorimValidationResult;
import io.healthmonitor.corim.CorimValidator;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where validated CoRIMs are kept, by corim-id. Only CoRIMs that a {@link CorimValidator} found
 * valid are ever stored: {@link #put(byte[], CorimValidationResult)} refuses any other. A write is
 * atomic: a profile is either there in full, bytes and metadata, or not at all; concurrent writes
 * of one id leave exactly one of them. A stored profile disappears at its
 * {@link StoredProfile#expiresAt()}.
 *
 * <p>Two implementations: {@link MemoryCorimProfileStore} ({@link #inMemory()}), bounded, the
 * embedded default, and
 * {@link RedisCorimProfileStore} on the application's Lettuce connection. Implementations are
 * thread-safe.
 */
public interface CorimProfileStore {

    /**
     * Stores a validated CoRIM under its corim-id, replacing any profile of that id.
     *
     * @param corim the exact bytes that were validated
     * @param result the validator's result for {@code corim}
     * @return what was stored
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the result is not valid, has no id acceptable to
     *     {@link StoredProfile#checkId(String)}, or is not a CoRIM (signed or unsigned)
     * @throws CorimStoreFullException if the store is bounded and has no room for it
     * @throws CorimStoreException if the store cannot be reached or does not answer in time
     */
    StoredProfile put(byte[] corim, CorimValidationResult result);

    /**
     * Returns the metadata of a stored profile.
     *
     * @param id the corim-id
     * @return the profile, or empty when none is stored (or it expired)
     * @throws CorimStoreException if the store cannot be reached or does not answer in time
     */
    Optional<StoredProfile> get(String id);

    /**
     * Returns the stored bytes of a profile.
     *
     * @param id the corim-id
     * @return a copy of the bytes, or empty when none is stored (or it expired)
     * @throws CorimStoreException if the store cannot be reached or does not answer in time
     */
    Optional<byte[]> content(String id);

    /**
     * Lists the stored profiles, ordered by id.
     *
     * @return the profiles' metadata
     * @throws CorimStoreException if the store cannot be reached or does not answer in time
     */
    List<StoredProfile> list();

    /**
     * Lists one page of the stored profiles, ordered by id. The default takes the page from
     * {@link #list()}; the library's stores read only what the page needs.
     *
     * @param after the id the page starts after, or null for the first page
     * @param limit the most profiles on the page
     * @return the page, with the id to ask for the next one
     * @throws IllegalArgumentException if {@code limit} is not positive, or {@code after} is not
     *     an acceptable id
     * @throws CorimStoreException if the store cannot be reached or does not answer in time
     */
    default ProfilePage page(@Nullable String after, int limit) {
        if (after != null) {
            StoredProfile.checkId(after);
        }
        return ProfilePage.of(list(), after, limit);
    }

    /**
     * Removes a profile.
     *
     * @param id the corim-id
     * @return true when a profile was removed
     * @throws CorimStoreException if the store cannot be reached or does not answer in time
     */
    boolean delete(String id);

    /**
     * Counts the stored profiles.
     *
     * @return the number of profiles
     * @throws CorimStoreException if the store cannot be reached or does not answer in time
     */
    int count();

    /**
     * Returns a store in this process's memory with the default bounds (1,000 profiles, 64 MiB),
     * which drops profiles at their expiry by the system clock; see
     * {@link MemoryCorimProfileStore#builder()} for other bounds.
     *
     * @return a new, empty, thread-safe store
     */
    static CorimProfileStore inMemory() {
        return MemoryCorimProfileStore.builder().build();
    }

    /**
     * Returns a store in this process's memory with the default bounds, with expiry by the given
     * clock.
     *
     * @param clock the time source for {@link StoredProfile#storedAt()} and expiry
     * @return a new, empty, thread-safe store
     * @throws NullPointerException if {@code clock} is null
     */
    static CorimProfileStore inMemory(InstantSource clock) {
        return MemoryCorimProfileStore.builder().clock(clock).build();
    }
}
