package io.healthmonitor.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * Actuator's health groups as configured, each one also taking the checks that carry its name as a
 * tag ({@code healthmonitor.checks.x.tags=readiness} puts {@code x} in {@code /actuator/health/readiness}),
 * and each one telling the registry, when Actuator asks it, which group the request is for.
 */
final class MonitorHealthEndpointGroups implements HealthEndpointGroups {

    private final HealthEndpointGroup primary;
    private final Map<String, HealthEndpointGroup> groups = new LinkedHashMap<>();

    MonitorHealthEndpointGroups(HealthEndpointGroups configured, Function<String, Set<String>> tags) {
        this.primary = new Group(configured.getPrimary(), RequestGroup.ALL, tags);
        for (String name : configured.getNames()) {
            HealthEndpointGroup group = configured.get(name);
            if (group != null) {
                groups.put(name, new Group(group, name, tags));
            }
        }
    }

    /** The group as Actuator's configuration defines it, without the members added by tags. */
    static HealthEndpointGroup configured(HealthEndpointGroup group) {
        return group instanceof Group wrapper ? wrapper.delegate : group;
    }

    @Override
    public HealthEndpointGroup getPrimary() {
        return primary;
    }

    @Override
    public Set<String> getNames() {
        return groups.keySet();
    }

    @Override
    public @Nullable HealthEndpointGroup get(String name) {
        return groups.get(name);
    }

    private static final class Group implements HealthEndpointGroup {
        private final HealthEndpointGroup delegate;
        private final String name;
        private final Function<String, Set<String>> tags;

        Group(HealthEndpointGroup delegate, String name, Function<String, Set<String>> tags) {
            this.delegate = delegate;
            this.name = name;
            this.tags = tags;
        }

        @Override
        public boolean isMember(String member) {
            return delegate.isMember(member) || !name.equals(RequestGroup.ALL) && tags.apply(member).contains(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            RequestGroup.set(name);
            return delegate.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            RequestGroup.set(name);
            return delegate.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return delegate.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return delegate.getHttpCodeStatusMapper();
        }

        @Override
        public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
            return delegate.getAdditionalPath();
        }
    }
}
