package io.healthmonitor.examples.spring;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HttpEndpointHealthCheck;
import io.healthmonitor.MemoryHealthCheck;
import io.healthmonitor.jdbc.DataSourceHealthCheck;
import java.net.URI;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Spring example: Health Monitor's checks of an application's own beans, published to Spring
 * Boot Actuator as the {@code healthMonitor} contributor. In a Spring Boot application with
 * {@code spring-boot-starter-actuator}, this configuration is all it takes: Actuator picks up every
 * {@code HealthContributor} bean, and {@code /actuator/health} shows
 * {@code components.healthMonitor.components.database}, {@code ...memory}, {@code ...payments-api}.
 * Add to {@code application.properties}:
 *
 * <pre>
 * management.endpoint.health.status.order=DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN
 * management.endpoint.health.status.http-mapping.DEGRADED=200
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
public class SpringHealthConfiguration {

    /**
     * The monitor over the application's {@code DataSource} and a downstream service.
     *
     * @param dataSource the application's pool; the check never closes it
     * @param payments   the downstream service's health URL (property {@code payments.health-url})
     * @return the monitor; Spring calls {@code close()} when the context stops
     */
    @Bean
    public HealthMonitor healthMonitor(DataSource dataSource, @Value("${payments.health-url}") URI payments) {
        return HealthMonitor.builder()
                .register(CheckRegistration.builder("database", DataSourceHealthCheck.of(dataSource))
                        .timeout(Duration.ofSeconds(2)).tags(CheckRegistration.READINESS).build())
                .register(CheckRegistration.builder("memory", MemoryHealthCheck.of())
                        .tags(CheckRegistration.LIVENESS).build())
                .register(CheckRegistration.builder("payments-api", HttpEndpointHealthCheck.of(payments))
                        .critical(false).build())
                .build();
    }

    /**
     * The monitor's checks as Actuator health indicators.
     *
     * @param monitor the monitor
     * @return the contributor, named after this method: {@code healthMonitorContributor}
     */
    @Bean
    public HealthMonitorContributor healthMonitorContributor(HealthMonitor monitor) {
        return HealthMonitorContributor.of(monitor);
    }
}
