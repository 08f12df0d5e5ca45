package io.healthmonitor.corim.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthmonitor.corim.CorimValidationResult;
import io.healthmonitor.corim.CorimValidator;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link CorimProfileStore} must do; run against the memory store and Redis. */
abstract class ProfileStoreContract {

    /** The store under test, empty. */
    abstract CorimProfileStore store();

    /** The time the store and the validator agree on. */
    abstract Instant now();

    /** Lets time pass until {@code profile} has expired (moves a clock, or waits for Redis). */
    abstract void passExpiryOf(StoredProfile profile);

    CorimValidator validator() {
        return CorimValidator.builder().clock(InstantSource.fixed(now())).build();
    }

    StoredProfile put(CorimProfileStore store, byte[] corim) {
        return store.put(corim, validator().validate(corim));
    }

    @Test
    void storesAValidCorimWithItsMetadata() {
        CorimProfileStore store = store();
        byte[] corim = ServiceCorims.corim("profile-1", now(), Duration.ofDays(30));
        StoredProfile stored = put(store, corim);

        assertThat(stored.id()).isEqualTo("profile-1");
        assertThat(stored.kind()).isEqualTo(CorimValidationResult.Kind.UNSIGNED_CORIM);
        assertThat(stored.sizeBytes()).isEqualTo(corim.length);
        assertThat(stored.sha256()).isEqualTo(Stored.sha256(corim));
        assertThat(stored.expiresAt()).isEqualTo(Instant.ofEpochSecond(now().plus(Duration.ofDays(30)).getEpochSecond()));
        assertThat(store.get("profile-1")).contains(stored);
        assertThat(store.content("profile-1")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(corim));
        assertThat(store.list()).containsExactly(stored);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void refusesInvalidCorimsAndStoresNothing() {
        CorimProfileStore store = store();
        byte[] invalid = ServiceCorims.invalidCorim("bad-1");
        CorimValidationResult result = validator().validate(invalid);
        assertThat(result.valid()).isFalse();

        assertThatThrownBy(() -> store.put(invalid, result)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only valid CoRIMs");
        assertThat(store.get("bad-1")).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void refusesIdsThatCannotBeKeys() {
        CorimProfileStore store = store();
        byte[] corim = ServiceCorims.corim("../etc/passwd", now(), Duration.ofDays(1));
        CorimValidationResult result = validator().validate(corim);
        assertThat(result.valid()).isTrue();

        assertThatThrownBy(() -> store.put(corim, result)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list()).isEmpty();
        assertThatThrownBy(() -> store.get("..")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsByIdAndDeletes() {
        CorimProfileStore store = store();
        put(store, ServiceCorims.corim("b", now(), Duration.ofDays(3)));
        put(store, ServiceCorims.corim("a", now(), Duration.ofDays(3)));
        put(store, ServiceCorims.corim("with space", now(), Duration.ofDays(3)));

        assertThat(store.list()).extracting(StoredProfile::id).containsExactly("a", "b", "with space");
        assertThat(store.delete("b")).isTrue();
        assertThat(store.delete("b")).isFalse();
        assertThat(store.get("b")).isEmpty();
        assertThat(store.content("b")).isEmpty();
        assertThat(store.list()).extracting(StoredProfile::id).containsExactly("a", "with space");
        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void listsPageByPageInIdOrder() {
        CorimProfileStore store = store();
        for (String id : List.of("e", "b", "d", "a", "c")) {
            put(store, ServiceCorims.corim(id, now(), Duration.ofDays(3)));
        }
        ProfilePage first = store.page(null, 2);
        assertThat(first.profiles()).extracting(StoredProfile::id).containsExactly("a", "b");
        assertThat(first.next()).isEqualTo("b");
        ProfilePage second = store.page(first.next(), 2);
        assertThat(second.profiles()).extracting(StoredProfile::id).containsExactly("c", "d");
        ProfilePage last = store.page(second.next(), 2);
        assertThat(last.profiles()).extracting(StoredProfile::id).containsExactly("e");
        assertThat(last.next()).isNull();
        assertThat(store.page("e", 2).profiles()).isEmpty();
        assertThat(store.page("bb", 10).profiles()).extracting(StoredProfile::id).containsExactly("c", "d", "e");
        assertThat(store.page(null, 5).next()).as("no page after a full last one").isNull();
        assertThatThrownBy(() -> store.page(null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecondUploadReplacesTheFirstWholly() {
        CorimProfileStore store = store();
        put(store, ServiceCorims.corim("same", now(), Duration.ofDays(3)));
        byte[] second = ServiceCorims.corim("same", now().minus(Duration.ofDays(2)), now().plus(Duration.ofDays(9)), 3);
        StoredProfile stored = put(store, second);

        assertThat(store.get("same")).contains(stored);
        assertThat(store.content("same")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(second));
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void concurrentUploadsOfOneIdEndWithOneConsistentValue() throws Exception {
        CorimProfileStore store = store();
        int writers = 8;
        List<byte[]> versions = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            versions.add(ServiceCorims.corim("contended", now(), now().plus(Duration.ofDays(10 + i)), 1 + i * 20));
        }
        CorimValidator validator = validator();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (byte[] version : versions) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 5; round++) {
                        store.put(version, validator.validate(version));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        byte[] content = store.content("contended").orElseThrow();
        StoredProfile meta = store.get("contended").orElseThrow();
        int index = -1;
        for (int i = 0; i < versions.size(); i++) {
            if (java.util.Arrays.equals(versions.get(i), content)) {
                index = i;
            }
        }
        assertThat(index).as("the stored bytes are one of the uploads").isNotNegative();
        assertThat(meta.sha256()).isEqualTo(Stored.sha256(content));
        assertThat(meta.sizeBytes()).isEqualTo(content.length);
        assertThat(meta.expiresAt()).isEqualTo(Instant.ofEpochSecond(now().plus(Duration.ofDays(10 + index)).getEpochSecond()));
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void aProfileDisappearsAtItsExpiry() {
        CorimProfileStore store = store();
        StoredProfile shortLived = put(store, ServiceCorims.corim("short", now().minusSeconds(60), now().plusSeconds(2), 1));
        StoredProfile longLived = put(store, ServiceCorims.corim("long", now(), Duration.ofDays(1)));

        assertThat(store.get("short")).isPresent();
        passExpiryOf(shortLived);

        assertThat(store.get("short")).isEmpty();
        assertThat(store.content("short")).isEmpty();
        assertThat(store.list()).containsExactly(longLived);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void storesNothingButCorims() {
        CorimProfileStore store = store();
        byte[] corim = ServiceCorims.corim("x", now(), Duration.ofDays(1));
        CorimValidationResult valid = validator().validate(corim);
        CorimValidationResult comid = new CorimValidationResult(CorimValidationResult.Kind.COMID, "x", null, null, null,
                valid.tags(), 0, valid.entities(), 0, valid.tripleCounts(), List.of());
        assertThatThrownBy(() -> store.put(corim, comid)).isInstanceOf(IllegalArgumentException.class);
        Set<String> ids = new HashSet<>();
        store.list().forEach(p -> ids.add(p.id()));
        assertThat(ids).isEmpty();
    }
}
