package io.healthmonitor.spring;

import java.util.List;

/** The groups (Actuator's health groups) a check belongs to by configuration, as tags of the engine. */
@FunctionalInterface
interface GroupTagger {

    /** Tags nothing. */
    GroupTagger NONE = path -> List.of();

    /**
     * Returns the groups whose configuration includes a name.
     *
     * @param path the check's name in Actuator ({@code db}, {@code db/primary})
     * @return the group names that are valid tags
     */
    List<String> tags(String path);
}
