package io.healthmonitor.corim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable registry of the {@link CorimProfile}s a validator recognises, keyed by profile
 * identifier (URI or dotted OID). Thread-safe.
 */
public final class CorimProfiles {

    private static final CorimProfiles EMPTY = new CorimProfiles(Map.of());

    private final Map<String, CorimProfile> byId;

    private CorimProfiles(Map<String, CorimProfile> byId) {
        this.byId = byId;
    }

    /**
     * Returns a registry with no profiles: only CoRIMs without a profile are accepted.
     *
     * @return the empty registry
     */
    public static CorimProfiles empty() {
        return EMPTY;
    }

    /**
     * Returns a registry holding the given profiles.
     *
     * @param profiles the profiles
     * @return the registry
     * @throws NullPointerException if a profile is null
     * @throws IllegalArgumentException if two profiles share an identifier
     */
    public static CorimProfiles of(CorimProfile... profiles) {
        CorimProfiles registry = EMPTY;
        for (CorimProfile p : profiles) {
            registry = registry.with(p);
        }
        return registry;
    }

    /**
     * Returns a registry that also holds {@code profile}.
     *
     * @param profile the profile to add
     * @return a new registry
     * @throws NullPointerException if {@code profile} is null
     * @throws IllegalArgumentException if a profile with the same identifier is registered
     */
    public CorimProfiles with(CorimProfile profile) {
        Objects.requireNonNull(profile, "profile");
        if (byId.containsKey(profile.id())) {
            throw new IllegalArgumentException("profile already registered: " + profile.id());
        }
        Map<String, CorimProfile> copy = new LinkedHashMap<>(byId);
        copy.put(profile.id(), profile);
        return new CorimProfiles(java.util.Collections.unmodifiableMap(copy));
    }

    /**
     * Looks a profile up.
     *
     * @param id the URI or dotted OID
     * @return the profile, or empty when not registered
     * @throws NullPointerException if {@code id} is null
     */
    public Optional<CorimProfile> get(String id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    /**
     * Returns the number of registered profiles.
     *
     * @return the count
     */
    public int size() {
        return byId.size();
    }
}
