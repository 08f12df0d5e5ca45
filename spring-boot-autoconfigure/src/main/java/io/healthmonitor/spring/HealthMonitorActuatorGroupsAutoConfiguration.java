package io.healthmonitor.spring;

import io.healthmonitor.HealthMonitor;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;

/**
 * Actuator's health groups over the monitor: each group also takes the checks tagged with its name,
 * and tells the contributor registry which group a request is for, so that a request takes one
 * report of that group's checks. It wraps the groups after every {@code HealthEndpointGroupsPostProcessor}
 * (the liveness and readiness probes among them), which is why it is a configuration of its own,
 * after Actuator's health endpoint.
 */
@AutoConfiguration(after = {HealthEndpointAutoConfiguration.class, HealthMonitorActuatorAutoConfiguration.class})
@ConditionalOnClass(HealthEndpointGroups.class)
@ConditionalOnBean({HealthMonitor.class, HealthEndpointGroups.class})
@ConditionalOnBooleanProperty(name = "healthmonitor.actuator.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "healthmonitor.enabled", matchIfMissing = true)
public final class HealthMonitorActuatorGroupsAutoConfiguration {

    HealthMonitorActuatorGroupsAutoConfiguration() {
    }

    @Bean
    static BeanPostProcessor healthMonitorGroups(ObjectProvider<HealthContributorRegistry> registry) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HealthEndpointGroups groups && !(bean instanceof MonitorHealthEndpointGroups)) {
                    return new MonitorHealthEndpointGroups(groups, path ->
                            registry.getIfAvailable() instanceof MonitorHealthContributorRegistry monitored ? monitored.tags(path) : Set.of());
                }
                return bean;
            }
        };
    }
}
