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
    void aBadValueFailsTheStartNamingTheProperty() {
        // Found by a user test: these failed deep in the context ("timeout must be > 0" in a bean's
        // stack trace) instead of in Spring's report, which names the property and the value.
        String[][] cases = {
                {"healthmonitor.checks.inventory.timeout=-1s", "healthmonitor.checks.inventory", "timeout must be more than 0"},
                {"healthmonitor.defaults.startup-timeout=0s", "healthmonitor.defaults", "startup-timeout must be more than 0"},
                {"healthmonitor.checks.inventory.slow-threshold=-1s", "healthmonitor.checks.inventory", "slow-threshold must be more than 0"},
                {"healthmonitor.checks.inventory.cache-ttl=-5s", "healthmonitor.checks.inventory", "cache-ttl must be 0 (no cache) or more"},
                {"healthmonitor.checks.inventory.background-interval=0s", "healthmonitor.checks.inventory", "background-interval must be more than 0"},
                {"healthmonitor.checks.inventory.hysteresis.failures=0", "healthmonitor.checks.inventory.hysteresis", "failures must be at least 1"},
                {"healthmonitor.checks.inventory.hysteresis.recoveries=0", "healthmonitor.checks.inventory.hysteresis", "recoveries must be at least 1"},
                {"healthmonitor.checks.inventory.timeout=2d", "healthmonitor.checks.inventory", "timeout must be at most PT24H, was PT48H"},
                {"healthmonitor.defaults.cache-ttl=400d", "healthmonitor.defaults", "cache-ttl must be at most PT8760H, was PT9600H"},
        };
        for (String[] bad : cases) {
            runner.withUserConfiguration(Checks.class).withPropertyValues(bad[0]).run(context -> {
                assertThat(context).hasFailed();
                org.springframework.boot.context.properties.bind.BindException bind = cause(context.getStartupFailure(),
                        org.springframework.boot.context.properties.bind.BindException.class);
                assertThat(bind).as(bad[0]).isNotNull();
                assertThat(bind.getName().toString()).isEqualTo(bad[1]);
                assertThat(org.assertj.core.util.Throwables.getRootCause(bind)).hasMessage(bad[2]);
            });
        }
    }

    @Test
    void aMisspelledOptionFailsTheStart() {
        runner.withUserConfiguration(Checks.class).withPropertyValues("healthmonitor.checks.inventory.timeot=1s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("healthmonitor.checks.inventory.timeot");
        });
    }

    @Test
    void tellsTheOptionsOfNoCheckApart() {
        HealthMonitorProperties properties = new HealthMonitorProperties();
        CheckProperties typo = new CheckProperties();
        typo.setTimeout(Duration.ofSeconds(1));
        CheckProperties off = new CheckProperties();
        off.setEnabled(false);
        CheckProperties known = new CheckProperties();
        known.setTimeout(Duration.ofSeconds(1));
        properties.getChecks().put("inventroy", typo);
        properties.getChecks().put("db", off);   // a built-in check switched off: it backed off, so it is not found
        properties.getChecks().put("inventory", known);
        assertThat(new RegistrationOptions(properties).configuredBesides(java.util.Set.of("inventory", "payments")))
                .containsExactly("inventroy");
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
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
