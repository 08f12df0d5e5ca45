package io.healthmonitor.fleet;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.KeyValueOptions;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the fleet's bucket, creating it when it does not exist yet: one value per key (history 1),
 * entries that expire after the max age, values of at most {@link SummaryJson#MAX_BYTES}. A bucket
 * that exists is used as it is, so operators may create it themselves (with more replicas, say),
 * except that one with fewer replicas than asked for is scaled up: whoever comes first creates the
 * bucket, and a view (default 1 replica) that starts before the publishers (say 3) must not leave
 * the fleet on one server of a cluster.
 */
final class FleetBucket {

    private static final Logger LOG = LoggerFactory.getLogger(FleetBucket.class);

    private FleetBucket() {
    }

    /**
     * Returns the bucket and its max age (the bucket's own when it has one).
     *
     * @throws IOException           if NATS cannot be reached in time
     * @throws JetStreamApiException if JetStream refuses
     */
    static Opened open(Connection connection, String bucket, Duration maxAge, int replicas, Duration timeout)
            throws IOException, JetStreamApiException {
        KeyValueOptions options = KeyValueOptions.builder()
                .jetStreamOptions(JetStreamOptions.builder().requestTimeout(timeout).build()).build();
        KeyValueManagement management = connection.keyValueManagement(options);
        KeyValueStatus status;
        try {
            status = management.getStatus(bucket);
        } catch (JetStreamApiException absent) {
            KeyValueConfiguration configuration = KeyValueConfiguration.builder().name(bucket)
                    .description("Health Monitor fleet: one report summary per instance").maxHistoryPerKey(1)
                    .ttl(maxAge).maximumValueSize(SummaryJson.MAX_BYTES).storageType(StorageType.File)
                    .replicas(replicas).build();
            try {
                status = management.create(configuration);
            } catch (JetStreamApiException raced) {
                status = management.getStatus(bucket);   // another instance created it first
            }
        }
        if (status.getReplicas() < replicas) {
            status = scaleUp(management, status, replicas);
        }
        Duration ttl = status.getTtl();
        Duration effective = ttl == null || ttl.isZero() || ttl.isNegative() ? maxAge : ttl;
        return new Opened(connection.keyValue(bucket, options), effective);
    }

    /** Raises the bucket's replicas to {@code replicas}, keeping the rest of its configuration; warns when JetStream refuses. */
    private static KeyValueStatus scaleUp(KeyValueManagement management, KeyValueStatus status, int replicas)
            throws IOException {
        String bucket = status.getBucketName();
        try {
            KeyValueStatus scaled = management.update(
                    KeyValueConfiguration.builder(status.getConfiguration()).replicas(replicas).build());
            LOG.info("the fleet bucket {} had {} replica(s): scaled up to {}", bucket, status.getReplicas(), scaled.getReplicas());
            return scaled;
        } catch (JetStreamApiException refused) {
            LOG.warn("the fleet bucket {} has {} replica(s), fewer than the {} asked for, and JetStream refused to scale it up"
                    + " ({}): losing the server that holds it loses the fleet view; recreate the bucket with {} replicas",
                    bucket, status.getReplicas(), replicas, refused.getMessage(), replicas);
            return status;
        }
    }

    /**
     * Checks a max age given to a builder.
     *
     * @throws IllegalArgumentException if not positive
     */
    static Duration maxAge(Duration value) {
        if (Objects.requireNonNull(value, "maxAge").isNegative() || value.isZero()) {
            throw new IllegalArgumentException("maxAge must be > 0, was " + value);
        }
        return value;
    }

    /**
     * Checks a replica count given to a builder: JetStream allows 1 to 5.
     *
     * @throws IllegalArgumentException if out of range
     */
    static int replicas(int value) {
        if (value < 1 || value > 5) {
            throw new IllegalArgumentException("replicas must be 1 to 5, was " + value);
        }
        return value;
    }

    /** The time JetStream gets to answer: the heartbeat, at most two seconds. */
    static Duration requestTimeout(Duration heartbeat) {
        Duration twoSeconds = Duration.ofSeconds(2);
        return heartbeat.compareTo(twoSeconds) < 0 ? heartbeat : twoSeconds;
    }

    /**
     * An opened bucket.
     *
     * @param bucket the bucket
     * @param maxAge how long an entry lives without being written again
     */
    record Opened(KeyValue bucket, Duration maxAge) {
    }
}
