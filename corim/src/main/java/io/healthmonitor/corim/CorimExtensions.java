package io.healthmonitor.corim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable registry of the {@link CorimExtension}s a validator recognises, keyed by the
 * identifier a CoRIM names in its {@code profile} member (URI or dotted OID). Thread-safe.
 */
public final class CorimExtensions {

    private static final CorimExtensions EMPTY = new CorimExtensions(Map.of());

    private final Map<String, CorimExtension> byId;

    private CorimExtensions(Map<String, CorimExtension> byId) {
        this.byId = byId;
    }

    /**
     * Returns a registry with no extensions: only CoRIMs that name no profile are accepted.
     *
     * @return the empty registry
     */
    public static CorimExtensions empty() {
        return EMPTY;
    }

    /**
     * Returns a registry holding the given extensions.
     *
     * @param extensions the extensions
     * @return the registry
     * @throws NullPointerException if an extension is null
     * @throws IllegalArgumentException if two extensions share an identifier
     */
    public static CorimExtensions of(CorimExtension... extensions) {
        CorimExtensions registry = EMPTY;
        for (CorimExtension p : extensions) {
            registry = registry.with(p);
        }
        return registry;
    }

    /**
     * Returns a registry that also holds {@code extension}.
     *
     * @param extension the extension to add
     * @return a new registry
     * @throws NullPointerException if {@code extension} is null
     * @throws IllegalArgumentException if an extension with the same identifier is registered
     */
    public CorimExtensions with(CorimExtension extension) {
        Objects.requireNonNull(extension, "extension");
        if (byId.containsKey(extension.id())) {
            throw new IllegalArgumentException("extension already registered: " + extension.id());
        }
        Map<String, CorimExtension> copy = new LinkedHashMap<>(byId);
        copy.put(extension.id(), extension);
        return new CorimExtensions(java.util.Collections.unmodifiableMap(copy));
    }

    /**
     * Looks an extension up.
     *
     * @param id the URI or dotted OID
     * @return the extension, or empty when not registered
     * @throws NullPointerException if {@code id} is null
     */
    public Optional<CorimExtension> get(String id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    /**
     * Returns the number of registered extensions.
     *
     * @return the count
     */
    public int size() {
        return byId.size();
    }
}
