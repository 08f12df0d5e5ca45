package io.healthmonitor.corim.service;

import io.healthmonitor.corim.CorimValidationResult;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ValueScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CorimProfileStore} in Redis, on the application's own Lettuce connection.
 *
 * <pre>{@code
 * CorimProfileStore store = RedisCorimProfileStore.builder(connection)   // StatefulRedisConnection<String, String>
 *         .keyPrefix("credlink:")                                          // default: none
 *         .commandTimeout(Duration.ofSeconds(2))
 *         .build();
 * }</pre>
 *
 * <p>Layout, with the default empty prefix:
 * <ul>
 *   <li>{@code corim:profile:<id>}: a hash with the fields {@code corim} (the CoRIM, base64),
 *       {@code profile}, {@code kind}, {@code sizeBytes}, {@code sha256}, {@code storedAt} and
 *       {@code expiresAt} (epoch milliseconds; empty when the CoRIM has no validity). The key
 *       expires at {@code expiresAt} ({@code PEXPIREAT}).</li>
 *   <li>{@code corim:profiles}: a set of the stored ids; members whose hash has expired are
 *       removed by {@link #list()} and by the sweep of {@link #count()}.</li>
 *   <li>{@code corim:profiles:expiry}: a sorted set of the ids that expire, scored by
 *       {@code expiresAt}, so that {@link #count()} leaves out expired profiles without reading
 *       them.</li>
 * </ul>
 * A put is one Lua script (delete the old hash, write the new one with all its fields, set its
 * expiry, add the id to the indexes), which Redis runs atomically and writes to its AOF as one
 * transaction: a crash leaves the whole profile or nothing. A script rather than
 * {@code MULTI}/{@code EXEC} because a transaction on a shared connection would take in the
 * commands of other threads. All keys must live on one node: standalone Redis or Sentinel, not
 * Redis Cluster.
 *
 * <p>Every command is bounded by the command timeout (default 2 s); a timeout or a connection
 * failure is a {@link CorimStoreException}. The store never opens or closes the connection.
 * Immutable and thread-safe.
 */
public final class RedisCorimProfileStore implements CorimProfileStore {

    /** The default command timeout. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:{}-]{0,64}");
    private static final String[] META = {"profile", "kind", "sizeBytes", "sha256", "storedAt", "expiresAt"};
    /** How many index entries one {@link #count()} checks against their hashes. */
    static final int SWEEP = 100;

    // KEYS: the profile's hash, the index, the expiry index.
    private static final String PUT = String.join("\n",
            "redis.call('DEL', KEYS[1])",
            "redis.call('HSET', KEYS[1], 'corim', ARGV[2], 'profile', ARGV[3], 'kind', ARGV[4],",
            "  'sizeBytes', ARGV[5], 'sha256', ARGV[6], 'storedAt', ARGV[7], 'expiresAt', ARGV[8])",
            "if ARGV[8] ~= '' then",
            "  redis.call('PEXPIREAT', KEYS[1], ARGV[8])",
            "  redis.call('ZADD', KEYS[3], ARGV[8], ARGV[1])",
            "else",
            "  redis.call('ZREM', KEYS[3], ARGV[1])",
            "end",
            "redis.call('SADD', KEYS[2], ARGV[1])",
            "return 1");
    private static final String DELETE = String.join("\n",
            "local n = redis.call('DEL', KEYS[1])",
            "redis.call('SREM', KEYS[2], ARGV[1])",
            "redis.call('ZREM', KEYS[3], ARGV[1])",
            "return n");
    // Only drops the index entries if the hash is still gone: a concurrent put must keep its entries.
    private static final String FORGET = String.join("\n",
            "if redis.call('EXISTS', KEYS[1]) == 0 then",
            "  redis.call('SREM', KEYS[2], ARGV[1])",
            "  redis.call('ZREM', KEYS[3], ARGV[1])",
            "end",
            "return 1");
    // KEYS: the index, the expiry index. Read-only. Redis expires a key once its clock is past the
    // key's time, so the ids scored below Redis's now are the expired ones.
    private static final String COUNT = String.join("\n",
            "local t = redis.call('TIME')",
            "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)",
            "return redis.call('SCARD', KEYS[1]) - redis.call('ZCOUNT', KEYS[2], '-inf', string.format('(%d', now))");

    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;
    private final Duration commandTimeout;
    private final InstantSource clock;
    /** Where the next sweep of the index starts; a race between two counts only sweeps a batch twice. */
    private final AtomicReference<String> sweepCursor = new AtomicReference<>(ScanCursor.INITIAL.getCursor());

    private RedisCorimProfileStore(Builder builder) {
        this.redis = builder.connection.async();
        this.prefix = builder.keyPrefix;
        this.commandTimeout = builder.commandTimeout;
        this.clock = builder.clock;
    }

    /**
     * Starts a store on the application's connection.
     *
     * @param connection an open connection with a UTF-8 string codec; not closed by the store
     * @return a builder
     * @throws NullPointerException if {@code connection} is null
     */
    public static Builder builder(StatefulRedisConnection<String, String> connection) {
        return new Builder(connection);
    }

    /**
     * Returns the key of a profile's hash: {@code <prefix>corim:profile:<id>}.
     *
     * @param id the corim-id
     * @return the key
     */
    public String profileKey(String id) {
        return prefix + "corim:profile:" + StoredProfile.checkId(id);
    }

    /**
     * Returns the key of the index set: {@code <prefix>corim:profiles}.
     *
     * @return the key
     */
    public String indexKey() {
        return prefix + "corim:profiles";
    }

    /**
     * Returns the key of the expiry index, a sorted set of the ids that expire scored by their
     * expiry in epoch milliseconds: {@code <prefix>corim:profiles:expiry}.
     *
     * @return the key
     */
    public String expiryKey() {
        return prefix + "corim:profiles:expiry";
    }

    private String[] keys(String id) {
        return new String[] {profileKey(id), indexKey(), expiryKey()};
    }

    @Override
    public StoredProfile put(byte[] corim, CorimValidationResult result) {
        StoredProfile p = Stored.describe(corim, result, clock.instant());
        await(redis.eval(PUT, ScriptOutputType.INTEGER, keys(p.id()),
                p.id(), Base64.getEncoder().encodeToString(corim), p.extension() == null ? "" : p.extension(),
                p.kind().name(), String.valueOf(p.sizeBytes()), p.sha256(),
                String.valueOf(p.storedAt().toEpochMilli()),
                p.expiresAt() == null ? "" : String.valueOf(p.expiresAt().toEpochMilli())), "store profile");
        return p;
    }

    @Override
    public Optional<StoredProfile> get(String id) {
        return Optional.ofNullable(parse(id, await(redis.hmget(profileKey(id), META), "read profile")));
    }

    @Override
    public Optional<byte[]> content(String id) {
        String encoded = await(redis.hget(profileKey(id), "corim"), "read profile");
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            throw unreadable(id, "corim");
        }
    }

    @Override
    public List<StoredProfile> list() {
        return read(ids(null), Integer.MAX_VALUE);
    }

    /**
     * Reads the index (one {@code SMEMBERS}) and then only the hashes the page needs, in order,
     * so that a page costs its size in reads whatever the number of profiles.
     */
    @Override
    public ProfilePage page(@Nullable String after, int limit) {
        ProfilePage.checkLimit(limit);
        List<StoredProfile> found = read(ids(after == null ? null : StoredProfile.checkId(after)), limit + 1);
        return found.size() > limit
                ? new ProfilePage(found.subList(0, limit), found.get(limit - 1).id())
                : new ProfilePage(found, null);
    }

    /** The indexed ids after {@code after} (all when null), ordered; ids put there by hand that are not acceptable are skipped. */
    private List<String> ids(@Nullable String after) {
        List<String> ids = new ArrayList<>();
        for (String id : await(redis.smembers(indexKey()), "list profiles")) {
            if (StoredProfile.isValidId(id) && (after == null || id.compareTo(after) > 0)) {
                ids.add(id);
            }
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    /**
     * The stored profiles of the first of {@code ids} until {@code wanted} are found, reading the
     * hashes in pipelined batches; an id whose hash has expired leaves the index.
     */
    private List<StoredProfile> read(List<String> ids, int wanted) {
        List<StoredProfile> profiles = new ArrayList<>(Math.min(ids.size(), wanted));
        int next = 0;
        while (next < ids.size() && profiles.size() < wanted) {
            int end = (int) Math.min(ids.size(), (long) next + wanted - profiles.size());
            List<RedisFuture<List<KeyValue<String, String>>>> reads = new ArrayList<>(end - next);
            for (int i = next; i < end; i++) {
                reads.add(redis.hmget(profileKey(ids.get(i)), META));
            }
            for (int i = next; i < end; i++) {
                String id = ids.get(i);
                StoredProfile p = parse(id, await(reads.get(i - next), "list profiles"));
                if (p == null) {
                    await(redis.eval(FORGET, ScriptOutputType.INTEGER, keys(id), id), "list profiles");
                } else {
                    profiles.add(p);
                }
            }
            next = end;
        }
        return profiles;
    }

    @Override
    public boolean delete(String id) {
        Long n = await(redis.eval(DELETE, ScriptOutputType.INTEGER, keys(id), id), "delete profile");
        return n != null && n > 0;
    }

    /**
     * Counts the stored profiles without reading them: the size of the index less the ids whose
     * expiry has passed by Redis's clock, in one script; plus a sweep of the next {@value #SWEEP}
     * index entries against their hashes (one {@code SSCAN}, one pipelined read). A few commands
     * whatever the number of profiles, for the {@code corim_profiles} gauge.
     *
     * <p>It stays exact under every change made through a {@code RedisCorimProfileStore}, in this
     * process or another: a put or delete changes the hash and both indexes in one script, and an
     * expiry needs no write at all. A change behind the store's back is found by the sweep, which
     * goes round the whole index in {@code ceil(profiles / }{@value #SWEEP}{@code )} counts: an id
     * whose hash was deleted by hand (the runbook's {@code DEL}) leaves the index and the count, and
     * a hash the store cannot read (edited by hand) makes this method throw the same
     * {@link CorimStoreException} as {@link #list()}, naming the key, until it is removed. Until the
     * sweep reaches it such a change is counted as the profile it was; {@link #list()},
     * {@link #get(String)} and the health check see it at once. Ids added to the index by hand that
     * are not acceptable ids are removed by the sweep.
     *
     * @return the number of stored profiles
     * @throws CorimStoreException if Redis cannot be reached or does not answer in time, or the
     *     sweep met a hash this store cannot read
     */
    @Override
    public int count() {
        sweep();
        Long n = await(redis.eval(COUNT, ScriptOutputType.INTEGER, new String[] {indexKey(), expiryKey()}), "count profiles");
        return n == null ? 0 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, n));
    }

    /**
     * Checks the next batch of index entries against their hashes, reading them as a listing does:
     * missing hashes leave the index, unreadable ones throw (and the cursor stays, so the next count
     * throws again until the hash is removed).
     */
    private void sweep() {
        String cursor = sweepCursor.get();
        ValueScanCursor<String> batch = await(redis.sscan(indexKey(), ScanCursor.of(cursor), ScanArgs.Builder.limit(SWEEP)),
                "count profiles");
        List<String> ids = new ArrayList<>(batch.getValues().size());
        for (String id : batch.getValues()) {
            if (StoredProfile.isValidId(id)) {
                ids.add(id);
            } else {
                await(redis.srem(indexKey(), id), "count profiles");   // no store ever wrote it
            }
        }
        read(ids, Integer.MAX_VALUE);
        sweepCursor.compareAndSet(cursor, batch.isFinished() ? ScanCursor.INITIAL.getCursor() : batch.getCursor());
    }

    private @Nullable StoredProfile parse(String id, List<KeyValue<String, String>> fields) {
        String[] v = new String[META.length];
        for (int i = 0; i < META.length && i < fields.size(); i++) {
            v[i] = fields.get(i).getValueOrElse(null);
        }
        if (v[1] == null || v[2] == null || v[3] == null || v[4] == null) {
            return null; // no such hash (HMGET of a missing key gives only nils)
        }
        try {
            return new StoredProfile(id, v[0] == null || v[0].isEmpty() ? null : v[0],
                    CorimValidationResult.Kind.valueOf(v[1]), Integer.parseInt(v[2]), v[3],
                    Instant.ofEpochMilli(Long.parseLong(v[4])),
                    v[5] == null || v[5].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(v[5])));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw unreadable(id, "metadata");
        }
    }

    /**
     * A hash this store did not write (edited by hand, or by another program): the runbook's
     * "profile corruption". Named by its key, with the runbook's remedy, rather than an internal
     * error; its values are not quoted.
     */
    private CorimStoreException unreadable(String id, String what) {
        String key = profileKey(id);
        return new CorimStoreException("the Redis hash " + key + " is not a profile this store wrote (unreadable "
                + what + "); remove it: DEL " + key, null);
    }

    private <T> T await(RedisFuture<T> future, String what) {
        try {
            return future.get(commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new CorimStoreException("Redis did not " + what + " within " + commandTimeout, e);
        } catch (ExecutionException e) {
            throw new CorimStoreException("Redis could not " + what + ": " + describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorimStoreException("interrupted while waiting for Redis to " + what, e);
        }
    }

    private static String describe(Throwable t) {
        String message = t == null ? null : t.getMessage();
        return message == null ? (t == null ? "unknown error" : t.getClass().getSimpleName()) : message;
    }

    @Override
    public String toString() {
        return "RedisCorimProfileStore[" + indexKey() + "]";
    }

    /** Configures a {@link RedisCorimProfileStore}. Not thread-safe. */
    public static final class Builder {
        private final StatefulRedisConnection<String, String> connection;
        private String keyPrefix = "";
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private InstantSource clock = InstantSource.system();

        private Builder(StatefulRedisConnection<String, String> connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
        }

        /**
         * Sets a prefix for every key, such as {@code credlink:} (default none, so that keys are
         * {@code corim:profile:<id>} as the runbooks expect).
         *
         * @param prefix up to 64 letters, digits and {@code _ . : { } -}
         * @return this builder
         * @throws IllegalArgumentException if the prefix has other characters or is too long
         */
        public Builder keyPrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("keyPrefix must be up to 64 characters of A-Z a-z 0-9 _ . : { } -, was '"
                        + prefix.toLowerCase(Locale.ROOT) + "'");
            }
            this.keyPrefix = prefix;
            return this;
        }

        /**
         * Sets how long each Redis command may take (default 2 s).
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if the timeout is not positive
         */
        public Builder commandTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("commandTimeout must be > 0");
            }
            this.commandTimeout = timeout;
            return this;
        }

        /**
         * Sets the clock for {@link StoredProfile#storedAt()} (default the system clock). Expiry
         * is Redis's own, by its clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the store.
         *
         * @return an immutable, thread-safe store
         */
        public RedisCorimProfileStore build() {
            return new RedisCorimProfileStore(this);
        }
    }
}
