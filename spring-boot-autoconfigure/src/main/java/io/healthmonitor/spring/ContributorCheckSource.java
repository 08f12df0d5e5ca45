package io.healthmonitor.spring;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.Schedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorNameGenerator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.util.ClassUtils;

/**
 * The application's Actuator health contributors as checks of the auto-configured monitor, and,
 * for the contributor registry, where they sit in Actuator's tree and which contributors the
 * monitor does not run (all of them when the application has a monitor of its own). Thread-safe.
 */
final class ContributorCheckSource implements CheckSource {

    private static final boolean REACTOR = ClassUtils.isPresent("reactor.core.publisher.Mono", null);

    private final ListableBeanFactory beans;
    private final AvailabilityPublished availability;
    private volatile @Nullable ContributorChecks wrapped;

    ContributorCheckSource(ListableBeanFactory beans, AvailabilityPublished availability) {
        this.beans = beans;
        this.availability = availability;
    }

    @Override
    public List<Sourced> checks(Set<String> taken) {
        ContributorChecks checks = ContributorChecks.of(beans.getBeansOfType(HealthContributor.class), reactive(),
                naming(), taken);
        this.wrapped = checks;
        List<Sourced> result = new ArrayList<>();
        checks.checks().forEach((name, check) -> {
            CheckRegistration.Builder base = CheckRegistration.builder(name, check);
            if (checks.inMemory().contains(name)) {
                base.schedule(Schedule.onDemand(Duration.ZERO)); // an application state: read it on every request
            }
            Class<? extends AvailabilityState> state = checks.availability().get(name);
            if (state != null) {
                base.startAfter(availability.of(state)); // DOWN / OUT_OF_SERVICE until then: not an answer yet
            }
            result.add(new Sourced(checks.paths().get(name), base.build()));
        });
        return result;
    }

    /** Where the wrapped contributors sit in Actuator's tree; empty when the monitor wraps none. */
    Map<String, Layout> layout() {
        ContributorChecks checks = wrapped;
        return checks == null ? Map.of() : checks.layout();
    }

    /** Every contributor by Actuator name, for those the monitor does not run. */
    Map<String, HealthContributor> contributors() {
        Function<String, String> naming = naming();
        Map<String, HealthContributor> all = new LinkedHashMap<>();
        beans.getBeansOfType(HealthContributor.class).forEach((bean, contributor) -> all.putIfAbsent(naming.apply(bean), contributor));
        reactive().forEach((bean, contributor) -> all.putIfAbsent(naming.apply(bean),
                ((ReactiveHealthContributor) contributor).asHealthContributor()));
        return all;
    }

    private Map<String, ?> reactive() {
        return REACTOR ? beans.getBeansOfType(ReactiveHealthContributor.class) : Map.of();
    }

    private Function<String, String> naming() {
        HealthContributorNameGenerator generator = beans.getBeanProvider(HealthContributorNameGenerator.class).getIfAvailable();
        return generator == null ? ContributorChecks::withoutStandardSuffixes : generator::generateContributorName;
    }
}
