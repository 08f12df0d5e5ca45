package io.healthmonitor.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fleet as a {@link FleetView} sees it at one moment: every service with its instances, and
 * the state of the view itself, so that a view that lost NATS never passes for a healthy fleet.
 * Immutable and thread-safe.
 *
 * @param state          whether the view is live
 * @param since          since when the view has been in this state, or null when live
 * @param at             when the snapshot was taken
 * @param skippedEntries how many bucket entries the view refused as malformed since it started
 * @param services       the services, ordered by name
 */
public record FleetSnapshot(State state, @Nullable Instant since, Instant at, long skippedEntries, List<FleetService> services) {

    /** The state of the view itself. */
    public enum State {
        /** Connected and following the bucket: the services are current. */
        LIVE,
        /** Connected, reading the bucket's current entries; the list may be incomplete. */
        SYNCING,
        /** NATS is unreachable: the services are the last ones known, their ages growing. */
        DISCONNECTED;

        /**
         * Returns the lower-case word used in JSON.
         *
         * @return {@code live}, {@code syncing} or {@code disconnected}
         */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component other than {@code since} is null
     */
    public FleetSnapshot {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        services = List.copyOf(services);
    }

    /**
     * Returns a service by name.
     *
     * @param name the service's name
     * @return the service, or empty when no instance of it is known
     */
    public Optional<FleetService> service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst();
    }
}
