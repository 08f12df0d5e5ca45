package io.healthmonitor.benchmarks.engine;

import com.codahale.metrics.health.HealthCheckRegistry;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.Schedule;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.DefaultHealthContributorRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.SimpleHttpCodeStatusMapper;
import org.springframework.boot.actuate.health.SimpleStatusAggregator;
import org.springframework.boot.actuate.health.StatusAggregator;

/** Builds the same set of checks for Health Monitor and for each peer, through their public APIs. */
final class Peers {

    /** A named probe; returns normally when healthy. */
    record Probe(String name, Callable<?> body) {
    }

    private Peers() {
    }

    static HealthMonitor healthMonitor(List<Probe> probes, Schedule schedule) {
        HealthMonitor.Builder builder = HealthMonitor.builder().logTransitions(false);
        for (Probe probe : probes) {
            builder.register(CheckRegistration.builder(probe.name(), ctx -> {
                probe.body().call();
                return HealthResult.healthy();
            }).schedule(schedule).timeout(Duration.ofSeconds(2)).slowThreshold(Duration.ofSeconds(5)).build());
        }
        return builder.build();
    }

    static HealthCheckRegistry dropwizard(List<Probe> probes) {
        HealthCheckRegistry registry = new HealthCheckRegistry();
        for (Probe probe : probes) {
            registry.register(probe.name(), new com.codahale.metrics.health.HealthCheck() {
                @Override
                protected Result check() throws Exception {
                    probe.body().call();
                    return Result.healthy();
                }
            });
        }
        return registry;
    }

    static HealthEndpoint springBoot(List<Probe> probes) {
        Map<String, HealthContributor> contributors = new LinkedHashMap<>();
        for (Probe probe : probes) {
            contributors.put(probe.name(), (HealthIndicator) () -> {
                try {
                    probe.body().call();
                    return Health.up().build();
                } catch (Exception e) {
                    return Health.down(e).build();
                }
            });
        }
        return new HealthEndpoint(new DefaultHealthContributorRegistry(contributors),
                HealthEndpointGroups.of(new AllGroup(), Map.of()), Duration.ofSeconds(10));
    }

    /** Spring Boot's primary group as an application without configuration has it. */
    private static final class AllGroup implements HealthEndpointGroup {
        @Override
        public boolean isMember(String name) {
            return true;
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return true;
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return true;
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return new SimpleStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return new SimpleHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return null;
        }
    }
}
