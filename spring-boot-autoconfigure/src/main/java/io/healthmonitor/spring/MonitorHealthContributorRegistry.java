package io.healthmonitor.spring;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthMonitor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * Actuator's contributor registry over a {@link HealthMonitor}: every check of the monitor, where
 * Actuator showed it (composites as composites), followed by contributors the monitor does not run
 * (registered at run time, or left out of a monitor of the application's own), which Actuator calls
 * as usual. A contributor whose check is switched off ({@code healthmonitor.checks.<name>.enabled=false})
 * is in neither: Actuator would call it without a deadline and without redaction. Each iteration of
 * the registry, which Actuator makes once per request, is bound to one {@link ReportSnapshot}. Thread-safe.
 */
final class MonitorHealthContributorRegistry implements HealthContributorRegistry {

    private final HealthMonitor monitor;
    private final Map<String, Layout> layout;
    /** Actuator path to check name, for group membership by tag. */
    private final Map<String, String> checksByPath;
    private final Map<String, Set<String>> tagsByCheck;
    private final Map<String, HealthContributor> others;

    /**
     * @param disabled tells, by check name, the contributors left out of Actuator's health altogether
     */
    MonitorHealthContributorRegistry(HealthMonitor monitor, Map<String, Layout> contributorLayout,
            Map<String, HealthContributor> unwrapped, Predicate<String> disabled) {
        this.monitor = monitor;
        Map<String, Layout> top = new LinkedHashMap<>();
        Set<String> placed = new HashSet<>();
        contributorLayout.forEach((name, whole) -> {
            Layout node = without(whole, disabled);
            if (node != null && leaves(node).stream().allMatch(monitor.names()::contains)) {
                top.put(name, node);
                placed.addAll(leaves(node));
            }
        });
        for (String name : monitor.names()) {
            if (!placed.contains(name) && !top.containsKey(name)) {
                top.put(name, new Layout.Leaf(name));
            }
        }
        this.layout = Collections.unmodifiableMap(top);
        Map<String, String> byPath = new LinkedHashMap<>();
        top.forEach((name, node) -> paths(name, node, byPath));
        this.checksByPath = Collections.unmodifiableMap(byPath);
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        for (CheckRegistration registration : monitor.registrations()) {
            tags.put(registration.name(), registration.tags());
        }
        this.tagsByCheck = Collections.unmodifiableMap(tags);
        Map<String, HealthContributor> rest = new LinkedHashMap<>();
        unwrapped.forEach((name, contributor) -> {
            if (!top.containsKey(name) && !disabled.test(ContributorChecks.checkName(name))) {
                rest.put(name, contributor);
            }
        });
        this.others = Collections.synchronizedMap(rest);
    }

    /** The tags of the check shown at an Actuator path, such as {@code db} or {@code db/primary}. */
    Set<String> tags(String path) {
        String check = checksByPath.get(path);
        return check == null ? Set.of() : tagsByCheck.getOrDefault(check, Set.of());
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        Layout node = layout.get(name);
        if (node != null) {
            return contributor(node, new ReportSnapshot(monitor, RequestGroup.take()));
        }
        return others.get(name);
    }

    @Override
    public Stream<HealthContributors.Entry> stream() {
        ReportSnapshot snapshot = new ReportSnapshot(monitor, RequestGroup.take());
        List<HealthContributors.Entry> entries = new ArrayList<>(layout.size() + others.size());
        layout.forEach((name, node) -> entries.add(new HealthContributors.Entry(name, contributor(node, snapshot))));
        synchronized (others) {
            others.forEach((name, contributor) -> entries.add(new HealthContributors.Entry(name, contributor)));
        }
        return entries.stream();
    }

    /**
     * Registers a contributor that Actuator calls as usual, outside the monitor.
     *
     * @throws IllegalStateException if the name is taken
     */
    @Override
    public void registerContributor(String name, HealthContributor contributor) {
        synchronized (others) {
            if (layout.containsKey(name) || others.containsKey(name)) {
                throw new IllegalStateException("A contributor named \"" + name + "\" has already been registered");
            }
            others.put(name, contributor);
        }
    }

    /** Unregisters a contributor registered outside the monitor; the monitor's checks stay. */
    @Override
    public @Nullable HealthContributor unregisterContributor(String name) {
        return others.remove(name);
    }

    private static HealthContributor contributor(Layout node, ReportSnapshot snapshot) {
        if (node instanceof Layout.Leaf leaf) {
            return new SnapshotIndicator(snapshot, leaf.check());
        }
        return new SnapshotComposite(snapshot, ((Layout.Branch) node).children());
    }

    /** The node without its disabled checks; null when none is left. */
    private static @Nullable Layout without(Layout node, Predicate<String> disabled) {
        if (node instanceof Layout.Leaf leaf) {
            return disabled.test(leaf.check()) ? null : leaf;
        }
        Map<String, Layout> kept = new LinkedHashMap<>();
        ((Layout.Branch) node).children().forEach((name, child) -> {
            Layout left = without(child, disabled);
            if (left != null) {
                kept.put(name, left);
            }
        });
        return kept.isEmpty() ? null : new Layout.Branch(kept);
    }

    private static List<String> leaves(Layout node) {
        if (node instanceof Layout.Leaf leaf) {
            return List.of(leaf.check());
        }
        List<String> result = new ArrayList<>();
        ((Layout.Branch) node).children().values().forEach(child -> result.addAll(leaves(child)));
        return result;
    }

    private static void paths(String path, Layout node, Map<String, String> into) {
        if (node instanceof Layout.Leaf leaf) {
            into.put(path, leaf.check());
        } else {
            ((Layout.Branch) node).children().forEach((name, child) -> paths(path + "/" + name, child, into));
        }
    }

    /** One check as Actuator sees it, read from the request's report. */
    private record SnapshotIndicator(ReportSnapshot snapshot, String check) implements HealthIndicator {
        @Override
        public Health health() {
            return health(true);
        }

        @Override
        public Health health(boolean includeDetails) {
            CheckResult result = snapshot.result(check);
            return result == null ? Health.unknown().build() : ActuatorStatuses.health(result, includeDetails);
        }
    }

    /** A composite contributor's checks, read from the request's report. */
    private record SnapshotComposite(ReportSnapshot snapshot, Map<String, Layout> children)
            implements CompositeHealthContributor {
        @Override
        public @Nullable HealthContributor getContributor(String name) {
            Layout child = children.get(name);
            return child == null ? null : contributor(child, snapshot);
        }

        @Override
        public Stream<HealthContributors.Entry> stream() {
            return children.entrySet().stream()
                    .map(child -> new HealthContributors.Entry(child.getKey(), contributor(child.getValue(), snapshot)));
        }
    }
}
