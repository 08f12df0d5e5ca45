package io.healthmonitor.spring;

import io.healthmonitor.HealthListener;
import io.healthmonitor.HealthMonitor;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The application's {@link HealthMonitor}: every {@code CheckRegistration} bean, every
 * {@code HealthCheck} and {@code AsyncHealthCheck} bean under its bean name and, with Actuator,
 * every health contributor, each registered with its {@code healthmonitor.checks.<name>.*}
 * options; every {@link HealthListener} bean (the engine's meters among them) and every
 * {@link HealthMonitorCustomizer}. A {@code HealthMonitor} bean of the application's own replaces
 * it; {@code healthmonitor.enabled=false} switches everything off.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "healthmonitor.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HealthMonitorProperties.class)
public final class HealthMonitorAutoConfiguration {

    HealthMonitorAutoConfiguration() {
        SupportedBoot.require();
    }

    /**
     * The monitor; Spring closes it with the context.
     *
     * @param beans       the context, where checks are looked up
     * @param properties  the {@code healthmonitor.*} properties
     * @param tagger      the Actuator groups as tags, when Actuator is configured
     * @param sources     the checks of integrations (Actuator's contributors)
     * @param listeners   the listeners
     * @param customizers the customizers
     * @return the monitor
     */
    @Bean
    @ConditionalOnMissingBean
    HealthMonitor healthMonitor(ListableBeanFactory beans, HealthMonitorProperties properties,
            ObjectProvider<GroupTagger> tagger, ObjectProvider<CheckSource> sources,
            ObjectProvider<HealthListener> listeners, ObjectProvider<HealthMonitorCustomizer> customizers) {
        return MonitorFactory.build(beans, new RegistrationOptions(properties), tagger.getIfAvailable(() -> GroupTagger.NONE),
                sources.orderedStream().toList(), listeners.orderedStream().toList(), customizers.orderedStream().toList());
    }
}
