package io.healthmonitor.spring;

import io.healthmonitor.HealthMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.registry.DefaultReactiveHealthContributorRegistry;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Actuator's health on the monitor: every health contributor of the application (indicators,
 * composites, reactive ones) becomes a check of the monitor, and Actuator's health endpoint, its
 * groups and its status aggregation read one report of the monitor per request, so contributors
 * run concurrently, each by its deadline, cached and single-flight. Actuator's groups and the
 * checks' tags are the same groups. The status order puts {@code DEGRADED} between
 * {@code OUT_OF_SERVICE} and {@code UP} unless {@code management.endpoint.health.status.order} is
 * set. Every bean gives way to one of the application's own; {@code healthmonitor.actuator.enabled=false}
 * leaves Actuator as it is.
 */
@AutoConfiguration(after = HealthMonitorAutoConfiguration.class,
        before = {HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class})
@ConditionalOnClass({HealthContributor.class, HealthEndpointGroups.class})
@ConditionalOnBooleanProperty(name = "healthmonitor.actuator.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "healthmonitor.enabled", matchIfMissing = true)
public final class HealthMonitorActuatorAutoConfiguration {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    HealthMonitorActuatorAutoConfiguration() {
    }

    @Bean
    ContributorCheckSource healthMonitorContributorChecks(ListableBeanFactory beans, AvailabilityPublished availability) {
        return new ContributorCheckSource(beans, availability);
    }

    @Bean
    AvailabilityPublished healthMonitorAvailabilityPublished(ObjectProvider<ApplicationAvailability> availability) {
        return new AvailabilityPublished(availability.getIfAvailable());
    }

    @Bean
    GroupTagger healthMonitorGroupTagger(ObjectProvider<HealthEndpointGroups> groups) {
        return path -> {
            HealthEndpointGroups configured = groups.getIfAvailable();
            if (configured == null) {
                return List.of();
            }
            List<String> tags = new ArrayList<>();
            for (String name : configured.getNames()) {
                HealthEndpointGroup group = configured.get(name);
                if (group != null && TAG.matcher(name).matches() && MonitorHealthEndpointGroups.configured(group).isMember(path)) {
                    tags.add(name);
                }
            }
            return tags;
        };
    }

    @Bean
    @ConditionalOnBean(HealthMonitor.class)
    @ConditionalOnMissingBean(HealthContributorRegistry.class)
    HealthContributorRegistry healthContributorRegistry(HealthMonitor monitor, ContributorCheckSource contributors,
            ObjectProvider<HealthMonitorProperties> properties) {
        RegistrationOptions options = new RegistrationOptions(properties.getIfAvailable(HealthMonitorProperties::new));
        return new MonitorHealthContributorRegistry(monitor, contributors.layout(), contributors.contributors(),
                name -> !options.enabled(name));
    }

    /**
     * Actuator's status order, with {@code DEGRADED} between {@code OUT_OF_SERVICE} and {@code UP}
     * unless {@code management.endpoint.health.status.order} says otherwise.
     *
     * @param environment the environment
     * @return the aggregator
     */
    @Bean
    @ConditionalOnMissingBean
    StatusAggregator healthStatusAggregator(Environment environment) {
        List<String> order = Binder.get(environment)
                .bind("management.endpoint.health.status.order", Bindable.listOf(String.class))
                .orElse(List.of());
        return new SimpleStatusAggregator(order.isEmpty() ? ActuatorStatuses.ORDER : order);
    }

    /** An empty reactive registry: the monitor runs the reactive contributors. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "reactor.core.publisher.Flux")
    @ConditionalOnBean(HealthMonitor.class)
    static class Reactive {

        @Bean
        @ConditionalOnMissingBean(ReactiveHealthContributorRegistry.class)
        ReactiveHealthContributorRegistry reactiveHealthContributorRegistry() {
            return new DefaultReactiveHealthContributorRegistry();
        }
    }
}
