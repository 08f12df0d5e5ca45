package io.healthmonitor.corim.service;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of a {@link CorimProfileStore}'s profiles, ordered by id. Immutable.
 *
 * @param profiles the profiles of this page
 * @param next the id to ask for the page after this one with, or null when this is the last
 */
public record ProfilePage(List<StoredProfile> profiles, @Nullable String next) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if {@code profiles} is null
     */
    public ProfilePage {
        profiles = List.copyOf(Objects.requireNonNull(profiles, "profiles"));
    }

    /**
     * Takes one page from profiles ordered by id: those after {@code after}, at most {@code limit}.
     *
     * @param ordered the profiles, ordered by id
     * @param after the id the page starts after, or null for the first page
     * @param limit the most profiles on the page, at least 1
     * @return the page
     */
    static ProfilePage of(List<StoredProfile> ordered, @Nullable String after, int limit) {
        checkLimit(limit);
        int from = 0;
        if (after != null) {
            while (from < ordered.size() && ordered.get(from).id().compareTo(after) <= 0) {
                from++;
            }
        }
        int to = Math.min(ordered.size(), from + limit);
        List<StoredProfile> page = ordered.subList(from, to);
        return new ProfilePage(page, to < ordered.size() ? page.get(page.size() - 1).id() : null);
    }

    /** Checks a page size. */
    static int checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0");
        }
        return limit;
    }
}
