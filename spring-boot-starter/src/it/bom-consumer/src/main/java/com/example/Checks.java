package com.example;

import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.spring.HealthMonitorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Compiles only when the starter brings core and the auto-configuration onto the classpath. */
@Configuration
class Checks {

    @Bean
    HealthCheck payments() {
        return ctx -> HealthResult.healthy();
    }

    @Bean
    HealthMonitorCustomizer quiet() {
        return builder -> builder.logTransitions(false);
    }
}
