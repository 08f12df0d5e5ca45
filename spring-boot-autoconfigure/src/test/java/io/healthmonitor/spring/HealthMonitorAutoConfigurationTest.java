package io.healthmonitor.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.healthmonitor.AsyncHealthCheck;
import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Hysteresis;
import io.healthmonitor.Schedule;
import io.healthmonitor.micrometer.HealthMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class HealthMonitorAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HealthMonitorMetricsAutoConfiguration.class, HealthMonitorAutoConfiguration.class));

    @Test
    void registersEveryHealthCheckBeanUnderItsBeanName() {
        runner.withUserConfiguration(Checks.class).run(context -> {
            HealthMonitor monitor = context.getBean(HealthMonitor.class);
            assertThat(monitor.names()).containsExactlyInAnyOrder("inventory", "payments", "search");
            assertThat(monitor.report().check("payments").orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY);
            CheckRegistration search = registration(monitor, "search");
            assertThat(search.timeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(search.critical()).isFalse();
        });
    }

    @Test
    void appliesEveryCheckPropertyAndTheDefaults() {
        runner.withUserConfiguration(Checks.class)
                .withPropertyValues(
                        "healthmonitor.defaults.timeout=700ms",
                        "healthmonitor.defaults.tags=liveness",
                        "healthmonitor.checks.inventory.timeout=1500ms",
                        "healthmonitor.checks.inventory.critical=false",
                        "healthmonitor.checks.inventory.tags=readiness,storage",
                        "healthmonitor.checks.inventory.cache-ttl=250ms",
                        "healthmonitor.checks.inventory.hysteresis.failures=3",
                        "healthmonitor.checks.inventory.hysteresis.recoveries=2",
                        "healthmonitor.checks.payments.background-interval=5s",
                        "healthmonitor.checks.payments.slow-threshold=1s",
                        "healthmonitor.checks.search.timeout=4s",
                        "healthmonitor.checks.search.enabled=false")
                .run(context -> {
                    HealthMonitor monitor = context.getBean(HealthMonitor.class);
                    assertThat(monitor.names()).containsExactlyInAnyOrder("inventory", "payments");
                    CheckRegistration inventory = registration(monitor, "inventory");
                    assertThat(inventory.timeout()).isEqualTo(Duration.ofMillis(1500));
                    assertThat(inventory.critical()).isFalse();
                    assertThat(inventory.tags()).containsExactly("liveness", "readiness", "storage");
                    assertThat(inventory.schedule()).isEqualTo(Schedule.onDemand(Duration.ofMillis(250)));
                    assertThat(inventory.hysteresis()).isEqualTo(Hysteresis.of(3, 2));
                    CheckRegistration payments = registration(monitor, "payments");
                    assertThat(payments.timeout()).isEqualTo(Duration.ofMillis(700));
                    assertThat(payments.schedule()).isEqualTo(Schedule.background(Duration.ofSeconds(5)));
                    assertThat(payments.slowThreshold()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(payments.critical()).isTrue();
                    assertThat(monitor.groups()).contains("readiness", "storage", "liveness");
                });
    }

    @Test
    void propertiesOverrideARegistrationBeanAndKeepWhatTheyDoNotSet() {
        runner.withUserConfiguration(Checks.class)
                .withPropertyValues("healthmonitor.checks.search.timeout=4s", "healthmonitor.checks.search.tags=readiness")
                .run(context -> {
                    CheckRegistration search = registration(context.getBean(HealthMonitor.class), "search");
                    assertThat(search.timeout()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(search.startupTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(search.critical()).isFalse();
                    assertThat(search.tags()).containsExactly("readiness");
                });
    }

    @Test
    void aMonitorOfTheApplicationsOwnReplacesTheAutoConfiguredOne() {
        runner.withUserConfiguration(Checks.class, OwnMonitor.class).run(context -> {
            assertThat(context).hasSingleBean(HealthMonitor.class);
            assertThat(context.getBean(HealthMonitor.class).names()).containsExactly("own");
        });
    }

    @Test
    void customizersRunOnTheBuilder() {
        runner.withUserConfiguration(Customized.class).run(context ->
                assertThat(context.getBean(HealthMonitor.class).names()).containsExactly("added"));
    }

    @Test
    void switchedOffByHealthmonitorEnabledFalse() {
        runner.withUserConfiguration(Checks.class).withPropertyValues("healthmonitor.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(HealthMonitor.class).doesNotHaveBean(HealthMetrics.class));
    }

    @Test
    void bindsTheApplicationsMeterRegistryWithThePrefix() {
        runner.withUserConfiguration(Checks.class, Registry.class).withPropertyValues("healthmonitor.metrics.prefix=credlink")
                .run(context -> {
                    HealthMetrics metrics = context.getBean(HealthMetrics.class);
                    assertThat(metrics.prefix()).isEqualTo("credlink");
                    assertThat(metrics.registry()).isSameAs(context.getBean(MeterRegistry.class));
                    context.getBean(HealthMonitor.class).report();
                    // The engine tells its listeners on its own threads: wait, bounded, for the first meter.
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(context.getBean(MeterRegistry.class)
                            .find("credlink.health.check.response.time").tag("check", "payments").timer()).isNotNull());
                });
    }

    @Test
    void registersNoMetersWithoutARegistryOrWhenSwitchedOff() {
        runner.withUserConfiguration(Checks.class).run(context -> assertThat(context).doesNotHaveBean(HealthMetrics.class));
        runner.withUserConfiguration(Checks.class, Registry.class).withPropertyValues("healthmonitor.metrics.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(HealthMetrics.class));
    }

    @Test
    void aHealthMetricsOfTheApplicationsOwnReplacesTheAutoConfiguredOne() {
        runner.withUserConfiguration(Registry.class, OwnMetrics.class).run(context -> {
            assertThat(context).hasSingleBean(HealthMetrics.class);
            assertThat(context.getBean(HealthMetrics.class).prefix()).isEqualTo("own");
        });
    }

    private static CheckRegistration registration(HealthMonitor monitor, String name) {
        return monitor.registrations().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Configuration(proxyBeanMethods = false)
    static class Checks {
        @Bean
        HealthCheck inventory() {
            return context -> HealthResult.healthy();
        }

        @Bean
        AsyncHealthCheck payments() {
            return context -> CompletableFuture.completedFuture(HealthResult.healthy());
        }

        @Bean
        CheckRegistration searchRegistration() {
            return CheckRegistration.builder("search", context -> HealthResult.healthy())
                    .timeout(Duration.ofSeconds(3)).critical(false).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMonitor {
        @Bean
        HealthMonitor ownMonitor() {
            return HealthMonitor.builder().register("own", context -> HealthResult.healthy()).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customized {
        @Bean
        HealthMonitorCustomizer addCheck() {
            return builder -> builder.register("added", context -> HealthResult.healthy());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMetrics {
        @Bean
        HealthMetrics ownMetrics(MeterRegistry registry) {
            return HealthMetrics.of(registry, "own");
        }
    }
}
