package io.healthmonitor.corim.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthmonitor.CheckContext;
import io.healthmonitor.corim.CorimValidationResult;
import io.healthmonitor.corim.CorimValidator;
import io.healthmonitor.testsupport.ServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract, the key layout, expiry and crashes against a private redis-server. */
class RedisProfileStoreTest extends ProfileStoreContract {

    private static ServerProcess server;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void startRedis() {
        server = ServiceCorims.redis();
        client = RedisClient.create();
        connection = client.connect(uri(server.port()));
    }

    @AfterAll
    static void stopRedis() {
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (server != null) {
            server.close();
        }
    }

    static RedisURI uri(int port) {
        return RedisURI.builder().withHost("127.0.0.1").withPort(port).withTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    CorimProfileStore store() {
        connection.sync().flushdb();
        return RedisCorimProfileStore.builder(connection).commandTimeout(Duration.ofSeconds(2)).build();
    }

    @Override
    Instant now() {
        return Instant.now();
    }

    @Override
    void passExpiryOf(StoredProfile profile) {
        // Redis expires the key by its own clock: a truly asynchronous wait, bounded.
        String key = "corim:profile:" + profile.id();
        assertThat(ServiceCorims.eventually(Duration.ofSeconds(10), () -> connection.sync().exists(key) == 0))
                .as("%s expired in Redis", key).isTrue();
    }

    @Test
    void keepsTheProfileAndItsMetadataInOneHashUnderTheRunbookKey() {
        CorimProfileStore store = store();
        byte[] corim = ServiceCorims.corim("runbook", now(), Duration.ofDays(2));
        StoredProfile stored = put(store, corim);
        RedisCommands<String, String> raw = connection.sync();

        Map<String, String> hash = raw.hgetall("corim:profile:runbook");
        assertThat(hash).containsOnlyKeys("corim", "profile", "kind", "sizeBytes", "sha256", "storedAt", "expiresAt");
        assertThat(Base64.getDecoder().decode(hash.get("corim"))).isEqualTo(corim);
        assertThat(hash).containsEntry("kind", "UNSIGNED_CORIM").containsEntry("sha256", stored.sha256())
                .containsEntry("expiresAt", String.valueOf(stored.expiresAt().toEpochMilli()));
        assertThat(raw.smembers("corim:profiles")).containsExactly("runbook");
        assertThat(raw.zscore("corim:profiles:expiry", "runbook")).isEqualTo((double) stored.expiresAt().toEpochMilli());
        long ttl = raw.pttl("corim:profile:runbook");
        assertThat(ttl).isPositive().isLessThanOrEqualTo(stored.expiresAt().toEpochMilli() - System.currentTimeMillis() + 1000);
        assertThat(raw.keys("corim:profile:*")).containsExactly("corim:profile:runbook");
    }

    @Test
    void prefixesEveryKey() {
        connection.sync().flushdb();
        RedisCorimProfileStore store = RedisCorimProfileStore.builder(connection).keyPrefix("credlink:").build();
        put(store, ServiceCorims.corim("p", now(), Duration.ofDays(2)));

        assertThat(connection.sync().keys("*")).containsExactlyInAnyOrder("credlink:corim:profile:p", "credlink:corim:profiles",
                "credlink:corim:profiles:expiry");
        assertThat(store.profileKey("p")).isEqualTo("credlink:corim:profile:p");
        assertThat(store.expiryKey()).isEqualTo("credlink:corim:profiles:expiry");
        assertThatThrownBy(() -> RedisCorimProfileStore.builder(connection).keyPrefix("bad prefix"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listingForgetsIndexEntriesWhoseProfileExpired() {
        CorimProfileStore store = store();
        StoredProfile shortLived = put(store, ServiceCorims.corim("soon", now().minusSeconds(60), now().plusSeconds(1), 1));
        passExpiryOf(shortLived);
        assertThat(connection.sync().smembers("corim:profiles")).containsExactly("soon");

        assertThat(store.list()).isEmpty();
        assertThat(connection.sync().exists("corim:profiles")).isZero();
    }

    @Test
    void aHashThisStoreCannotReadIsReportedWithItsKeyNotAsAnInternalError() throws Exception {
        // The runbook's "CoRIM Profile Corruption": a profile hash edited or written by something
        // else. A field the store could not read made list() throw IllegalArgumentException ("No enum
        // constant ..."): the listing answered 500 with a stack trace in the log, and the health check
        // said "No enum constant ..." without naming the key the runbook's DEL needs.
        CorimProfileStore store = store();
        put(store, ServiceCorims.corim("good", now(), Duration.ofDays(2)));
        put(store, ServiceCorims.corim("edited", now(), Duration.ofDays(2)));
        connection.sync().hset("corim:profile:edited", "kind", "unsigned");

        assertThatThrownBy(store::list).isInstanceOf(CorimStoreException.class)
                .hasMessageContaining("corim:profile:edited").hasMessageContaining("DEL corim:profile:edited");
        assertThatThrownBy(() -> store.get("edited")).isInstanceOf(CorimStoreException.class);
        assertThat(store.get("good")).isPresent();
        io.healthmonitor.HealthResult check = CorimProfilesHealthCheck.builder(store).build()
                .check(CheckContext.of("test", Duration.ofSeconds(5)));
        assertThat(check.status()).isEqualTo(io.healthmonitor.HealthStatus.UNHEALTHY);
        assertThat(check.message()).contains("DEL corim:profile:edited");

        connection.sync().hset("corim:profile:good", "corim", "not base64!");
        assertThatThrownBy(() -> store.content("good")).isInstanceOf(CorimStoreException.class)
                .hasMessageContaining("corim:profile:good");

        connection.sync().del("corim:profile:edited");   // the runbook's remedy
        assertThat(store.list()).extracting(StoredProfile::id).containsExactly("good");
    }

    @Test
    void countingCostsAFewCommandsWhateverTheNumberOfProfilesAndSeesEveryInstancesWrites() {
        // count() is the corim_profiles gauge: it read every profile's hash (one SMEMBERS and one HMGET
        // per profile, 5,001 commands and a median 64 ms for 5,000 profiles) on every scrape.
        CorimProfileStore store = store();
        int profiles = RedisCorimProfileStore.SWEEP * 5;
        Instant now = now();
        CorimValidator validator = validator();
        for (int i = 0; i < profiles; i++) {
            byte[] corim = ServiceCorims.corim("many-" + i, now, Duration.ofDays(2));
            store.put(corim, validator.validate(corim));
        }

        long before = commandsProcessed();
        assertThat(store.count()).isEqualTo(profiles);
        long commands = commandsProcessed() - before - 1;   // less the first INFO
        // SSCAN's COUNT is a hint: a sweep reads about SWEEP hashes, never the whole index.
        assertThat(commands).as("Redis commands of one count() over %d profiles", profiles)
                .isLessThanOrEqualTo(2L * RedisCorimProfileStore.SWEEP + 3);

        try (StatefulRedisConnection<String, String> other = client.connect(uri(server.port()))) {
            CorimProfileStore otherInstance = RedisCorimProfileStore.builder(other).build();
            put(otherInstance, ServiceCorims.corim("elsewhere", now, Duration.ofDays(2)));
            assertThat(store.count()).as("a put by another instance").isEqualTo(profiles + 1);
            otherInstance.delete("many-0");
            otherInstance.delete("many-1");
            assertThat(store.count()).as("deletes by another instance").isEqualTo(profiles - 1);
        }
    }

    @Test
    void countLeavesOutExpiredProfilesWithoutReadingThem() {
        CorimProfileStore store = store();
        StoredProfile shortLived = put(store, ServiceCorims.corim("soon", now().minusSeconds(60), now().plusSeconds(1), 1));
        put(store, ServiceCorims.corim("later", now(), Duration.ofDays(2)));
        put(store, ServiceCorims.corim("never", now().minusSeconds(60), now().plusSeconds(1), 1));
        put(store, ServiceCorims.corim("never", now(), Duration.ofDays(2)));   // replaced: its expiry moves
        passExpiryOf(shortLived);

        assertThat(store.count()).isEqualTo(2);
        assertThat(store.list()).extracting(StoredProfile::id).containsExactly("later", "never");
    }

    @Test
    void countFindsHashesDeletedOrEditedByHandWithinOneSweepOfTheIndex() {
        CorimProfileStore store = store();
        int profiles = RedisCorimProfileStore.SWEEP * 3;
        Instant now = now();
        CorimValidator validator = validator();
        for (int i = 0; i < profiles; i++) {
            byte[] corim = ServiceCorims.corim("hand-" + i, now, Duration.ofDays(2));
            store.put(corim, validator.validate(corim));
        }
        RedisCommands<String, String> raw = connection.sync();
        raw.del("corim:profile:hand-7");          // the runbook's remedy, behind the store's back
        raw.sadd("corim:profiles", "..");          // no store writes such an id

        // A sweep checks SWEEP entries per count: one round of the index takes a bounded number of counts.
        int counts = 0;
        while (store.count() != profiles - 1 && counts < profiles) {
            counts++;
        }
        assertThat(store.count()).as("after %d counts", counts).isEqualTo(profiles - 1);
        assertThat(raw.sismember("corim:profiles", "..")).isFalse();

        raw.hset("corim:profile:hand-42", "kind", "unsigned");   // "profile corruption"
        CorimStoreException unreadable = null;
        for (int i = 0; i < profiles && unreadable == null; i++) {
            try {
                store.count();
            } catch (CorimStoreException e) {
                unreadable = e;
            }
        }
        assertThat(unreadable).as("count() over a hand-edited hash").isNotNull();
        assertThat(unreadable.getMessage()).contains("corim:profile:hand-42").contains("DEL corim:profile:hand-42");
        assertThatThrownBy(store::count).as("until the hash is removed").isInstanceOf(CorimStoreException.class);

        raw.del("corim:profile:hand-42");
        assertThat(store.count()).isEqualTo(profiles - 2);
    }

    private static long commandsProcessed() {
        for (String line : connection.sync().info("stats").split("\r?\n")) {
            if (line.startsWith("total_commands_processed:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("no total_commands_processed in INFO stats");
    }

    @Test
    void failsWithinItsTimeoutWhenRedisIsGone() throws Exception {
        try (ServerProcess doomed = ServiceCorims.redis();
                StatefulRedisConnection<String, String> own = client.connect(uri(doomed.port()))) {
            RedisCorimProfileStore store = RedisCorimProfileStore.builder(own).commandTimeout(Duration.ofMillis(300)).build();
            put(store, ServiceCorims.corim("before", now(), Duration.ofDays(1)));
            doomed.kill();

            long start = System.nanoTime();
            assertThatThrownBy(store::list).isInstanceOf(CorimStoreException.class);
            assertThatThrownBy(() -> put(store, ServiceCorims.corim("after", now(), Duration.ofDays(1))))
                    .isInstanceOf(CorimStoreException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(CorimProfilesHealthCheck.builder(store).build().check(CheckContext.of("test", Duration.ofSeconds(5))).status())
                    .isEqualTo(io.healthmonitor.HealthStatus.UNHEALTHY);
        }
    }

    @Test
    void aCrashDuringUploadsLeavesWholeProfilesOrNothing() throws Exception {
        List<byte[]> corims = new ArrayList<>();
        Instant now = now();
        for (int i = 0; i < 40; i++) {
            corims.add(ServiceCorims.corim("crash-" + i, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), 2000));
        }
        CorimValidator validator = validator();
        List<CorimValidationResult> results = corims.stream().map(validator::validate).toList();
        assertThat(results).allMatch(CorimValidationResult::valid);

        try (ServerProcess durable = ServiceCorims.redis("--appendonly", "yes", "--appendfsync", "always")) {
            Set<String> attempted = ConcurrentHashMap.newKeySet();
            AtomicBoolean failed = new AtomicBoolean();
            try (StatefulRedisConnection<String, String> own = client.connect(uri(durable.port()))) {
                RedisCorimProfileStore store = RedisCorimProfileStore.builder(own).commandTimeout(Duration.ofSeconds(1)).build();
                Thread writer = new Thread(() -> {
                    for (int i = 0; !failed.get(); i = (i + 1) % corims.size()) {
                        attempted.add("crash-" + i);
                        try {
                            store.put(corims.get(i), results.get(i));
                        } catch (CorimStoreException e) {
                            failed.set(true);
                        }
                    }
                }, "corim-upload-writer");
                writer.start();
                try (StatefulRedisConnection<String, String> observer = client.connect(uri(durable.port()))) {
                    assertThat(ServiceCorims.eventually(Duration.ofSeconds(30),
                            () -> observer.sync().scard("corim:profiles") >= 5)).isTrue();
                }
                durable.kill();
                writer.join(Duration.ofSeconds(30).toMillis());
                assertThat(writer.isAlive()).isFalse();
                assertThat(failed).isTrue();
            }
            durable.restart();
            try (StatefulRedisConnection<String, String> raw = client.connect(uri(durable.port()))) {
                RedisCommands<String, String> redis = raw.sync();
                Set<String> index = redis.smembers("corim:profiles");
                assertThat(index).as("profiles persisted before the crash").hasSizeGreaterThanOrEqualTo(5);
                for (String id : attempted) {
                    Map<String, String> hash = redis.hgetall("corim:profile:" + id);
                    if (hash.isEmpty()) {
                        assertThat(index).as("index entry of %s without its profile", id).doesNotContain(id);
                        continue;
                    }
                    byte[] corim = Base64.getDecoder().decode(hash.get("corim"));
                    assertThat(corim).as("bytes of %s", id).isEqualTo(corims.get(Integer.parseInt(id.substring(6))));
                    assertThat(hash).as("metadata of %s", id)
                            .containsEntry("sha256", Stored.sha256(corim))
                            .containsEntry("sizeBytes", String.valueOf(corim.length))
                            .containsKeys("profile", "kind", "storedAt", "expiresAt");
                    assertThat(redis.pttl("corim:profile:" + id)).as("expiry of %s", id).isPositive();
                    assertThat(index).as("index entry of %s", id).contains(id);
                }
            }
        }
    }
}
