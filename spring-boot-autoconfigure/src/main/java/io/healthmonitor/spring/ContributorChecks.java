package io.healthmonitor.spring;

import io.healthmonitor.HealthCheck;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.application.AvailabilityStateHealthIndicator;
import org.springframework.boot.health.application.LivenessStateHealthIndicator;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.PingHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * The application's Actuator health contributors as checks of the engine: one check per indicator,
 * composites flattened into one check per leaf (named {@code parent.child}), and the tree that puts
 * them back where Actuator showed them. Names follow Actuator's: the bean name without a
 * {@code HealthIndicator} or {@code HealthContributor} suffix. Immutable once built; thread-safe.
 */
final class ContributorChecks {

    /** Check name to check, in the order Actuator listed them. */
    private final Map<String, HealthCheck> checks = new LinkedHashMap<>();
    /** Check name to Actuator path ({@code db/primary}), the names Actuator's groups match. */
    private final Map<String, String> paths = new LinkedHashMap<>();
    private final Map<String, Layout> layout = new LinkedHashMap<>();
    /** Checks of indicators that only read application state (availability, ping): never cached. */
    private final Set<String> inMemory = new java.util.HashSet<>();
    /** Checks of Boot's liveness and readiness indicators, to the state each reads. */
    private final Map<String, Class<? extends AvailabilityState>> availability = new LinkedHashMap<>();

    private ContributorChecks() {
    }

    /**
     * Wraps contributors.
     *
     * @param contributors blocking contributor beans by bean name
     * @param reactive     reactive contributor beans by bean name; empty when Reactor is absent
     * @param naming       bean name to Actuator name
     * @param taken        check names already registered: contributors of these names are left out
     */
    static ContributorChecks of(Map<String, HealthContributor> contributors, Map<String, ?> reactive,
            Function<String, String> naming, Set<String> taken) {
        ContributorChecks result = new ContributorChecks();
        contributors.forEach((bean, contributor) -> {
            String name = naming.apply(bean);
            if (!taken.contains(checkName(name)) && !result.layout.containsKey(name)) {
                result.layout.put(name, result.add(name, checkName(name), contributor));
            }
        });
        reactive.forEach((bean, contributor) -> {
            String name = naming.apply(bean);
            if (!taken.contains(checkName(name)) && !result.layout.containsKey(name)) {
                result.layout.put(name, result.addReactive(name, checkName(name), (ReactiveHealthContributor) contributor));
            }
        });
        return result;
    }

    /** Actuator's default naming: the bean name without its standard suffix. */
    static String withoutStandardSuffixes(String beanName) {
        for (String suffix : new String[] {"healthindicator", "healthcontributor"}) {
            if (beanName.toLowerCase(Locale.ENGLISH).endsWith(suffix) && beanName.length() > suffix.length()) {
                return beanName.substring(0, beanName.length() - suffix.length());
            }
        }
        return beanName;
    }

    Map<String, HealthCheck> checks() {
        return Collections.unmodifiableMap(checks);
    }

    Map<String, String> paths() {
        return Collections.unmodifiableMap(paths);
    }

    Set<String> inMemory() {
        return Collections.unmodifiableSet(inMemory);
    }

    /** The availability state each availability check reads: it means nothing before the application publishes it. */
    Map<String, Class<? extends AvailabilityState>> availability() {
        return Collections.unmodifiableMap(availability);
    }

    Map<String, Layout> layout() {
        return Collections.unmodifiableMap(layout);
    }

    private Layout add(String path, String check, HealthContributor contributor) {
        if (contributor instanceof HealthIndicator indicator) {
            checks.put(check, new IndicatorCheck(indicator));
            if (indicator instanceof AvailabilityStateHealthIndicator || indicator instanceof PingHealthIndicator) {
                inMemory.add(check);
            }
            if (indicator instanceof LivenessStateHealthIndicator) {
                availability.put(check, LivenessState.class);
            } else if (indicator instanceof ReadinessStateHealthIndicator) {
                availability.put(check, ReadinessState.class);
            }
            paths.put(check, path);
            return new Layout.Leaf(check);
        }
        Map<String, Layout> children = new LinkedHashMap<>();
        ((CompositeHealthContributor) contributor).stream().forEach(entry -> children.put(entry.name(),
                add(path + "/" + entry.name(), checkName(check + "." + entry.name()), entry.contributor())));
        return new Layout.Branch(children);
    }

    private Layout addReactive(String path, String check, ReactiveHealthContributor contributor) {
        if (contributor instanceof ReactiveHealthIndicator indicator) {
            checks.put(check, new ReactiveIndicatorCheck(indicator));
            paths.put(check, path);
            return new Layout.Leaf(check);
        }
        Map<String, Layout> children = new LinkedHashMap<>();
        ((CompositeReactiveHealthContributor) contributor).stream().forEach(entry -> children.put(entry.name(),
                addReactive(path + "/" + entry.name(), checkName(check + "." + entry.name()), entry.contributor())));
        return new Layout.Branch(children);
    }

    /** An Actuator name as a valid check name: other characters become {@code -}, at most 128. */
    static String checkName(String name) {
        StringBuilder result = new StringBuilder(Math.min(name.length(), 128));
        for (int i = 0; i < name.length() && result.length() < 128; i++) {
            char c = name.charAt(i);
            boolean valid = c < 128 && (Character.isLetterOrDigit(c) || (i > 0 && ".:_-".indexOf(c) >= 0));
            result.append(valid ? c : '-');
        }
        if (result.isEmpty() || result.charAt(0) == '-') {
            result.insert(0, 'c');
        }
        return result.length() > 128 ? result.substring(0, 128) : result.toString();
    }
}
