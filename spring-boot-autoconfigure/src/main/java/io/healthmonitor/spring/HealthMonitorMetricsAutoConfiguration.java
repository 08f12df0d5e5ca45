package io.healthmonitor.spring;

import io.healthmonitor.micrometer.HealthMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The engine's meters in the application's {@link MeterRegistry}, every name under
 * {@code healthmonitor.metrics.prefix}: a {@link HealthMetrics} bean, which the monitor takes as a
 * listener and the library's checks take for their own meters. Replaced by a {@code HealthMetrics}
 * bean of the application's own; {@code healthmonitor.metrics.enabled=false} registers none.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"},
        before = HealthMonitorAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "healthmonitor.metrics.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "healthmonitor.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HealthMonitorProperties.class)
public final class HealthMonitorMetricsAutoConfiguration {

    HealthMonitorMetricsAutoConfiguration() {
    }

    /**
     * The binding of the application's registry under the configured prefix.
     *
     * @param registry   the application's registry
     * @param properties the {@code healthmonitor.*} properties
     * @return the binding
     */
    @Bean
    @ConditionalOnMissingBean
    HealthMetrics healthMonitorMetrics(MeterRegistry registry, HealthMonitorProperties properties) {
        return HealthMetrics.of(registry, properties.getMetrics().getPrefix());
    }
}
