package io.healthmonitor.spring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each check of the monitor appears in Actuator's health tree: a leaf names a check, a branch
 * is a composite contributor's children. Immutable once built by {@link ContributorChecks}.
 */
sealed interface Layout {

    /** A check of the monitor, by its registered name. */
    record Leaf(String check) implements Layout {
    }

    /** A composite contributor: its children by Actuator name, in order. */
    record Branch(Map<String, Layout> children) implements Layout {
        public Branch {
            children = Collections.unmodifiableMap(new LinkedHashMap<>(children));
        }
    }
}
