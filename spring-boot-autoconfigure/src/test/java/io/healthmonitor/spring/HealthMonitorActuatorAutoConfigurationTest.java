package io.healthmonitor.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.DefaultHealthContributorRegistry;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

class HealthMonitorActuatorAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HealthMonitorAutoConfiguration.class,
                    HealthMonitorActuatorAutoConfiguration.class, EndpointAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class, HealthMonitorActuatorGroupsAutoConfiguration.class))
            .withPropertyValues("management.endpoint.health.show-details=always");

    /** With the liveness and readiness groups, whose states a context runner never sets (DOWN, OUT_OF_SERVICE). */
    private final ApplicationContextRunner probes = runner.withConfiguration(AutoConfigurations.of(
            AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
            ApplicationAvailabilityAutoConfiguration.class));

    @Test
    void wrapsEveryContributorAsACheckUnderItsActuatorName() {
        runner.withUserConfiguration(Contributors.class).run(context -> {
            HealthMonitor monitor = context.getBean(HealthMonitor.class);
            assertThat(monitor.names()).contains("inventory", "cache.primary", "cache.replica", "stream", "ping");
            assertThat(context.getBean(HealthContributorRegistry.class)).isInstanceOf(MonitorHealthContributorRegistry.class);
            assertThat(context.getBean(ReactiveHealthContributorRegistry.class).stream()).isEmpty();
            CompositeHealthDescriptor health = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).health();
            assertThat(health.getStatus()).as(() -> describe(health)).isEqualTo(Status.UP);
            assertThat(health.getComponents()).containsKeys("inventory", "cache", "stream", "ping");
            CompositeHealthDescriptor cache = (CompositeHealthDescriptor) health.getComponents().get("cache");
            assertThat(cache.getComponents()).containsOnlyKeys("primary", "replica");
            IndicatedHealthDescriptor inventory = (IndicatedHealthDescriptor) health.getComponents().get("inventory");
            assertThat(inventory.getDetails()).containsEntry("items", 42);
            assertThat(((IndicatedHealthDescriptor) health.getComponents().get("stream")).getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void aSwitchedOffCheckIsLeftOutOfActuatorsHealthToo() {
        // Found by a user test: a switched-off indicator fell back to Actuator, which called it with no
        // deadline (a hung one hung /actuator/health) and no redaction.
        runner.withUserConfiguration(Contributors.class, Hung.class)
                .withPropertyValues("healthmonitor.checks.hung.enabled=false", "healthmonitor.checks[cache.replica].enabled=false")
                .run(context -> {
                    assertThat(context.getBean(HealthMonitor.class).names()).doesNotContain("hung", "cache.replica");
                    HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
                    assertThat(registry.getContributor("hung")).isNull();
                    CompositeHealthDescriptor health = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).health();
                    assertThat(health.getComponents()).containsKeys("inventory", "cache").doesNotContainKey("hung");
                    assertThat(((CompositeHealthDescriptor) health.getComponents().get("cache")).getComponents())
                            .containsOnlyKeys("primary");
                    assertThat(Hung.calls).hasValue(0);
                });
    }

    @Test
    void oneRequestRunsEveryContributorConcurrently() {
        // Each indicator waits until all of them have started: it only completes if they run at once.
        runner.withUserConfiguration(Concurrent.class).withPropertyValues("healthmonitor.defaults.cache-ttl=0s").run(context -> {
            assertThat(context.getBean(HealthMonitor.class).awaitReady(Duration.ofSeconds(10))).isTrue();
            Concurrent.started.set(new CountDownLatch(Concurrent.COUNT));
            Concurrent.calls.set(0);
            HealthDescriptor health = context.getBean(HealthEndpoint.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(Concurrent.calls.get()).isEqualTo(Concurrent.COUNT);
        });
    }

    @Test
    void aHangingContributorIsDownWithATimeoutMessageAtItsDeadline() {
        runner.withUserConfiguration(Hanging.class).withPropertyValues("healthmonitor.checks.hanging.timeout=200ms",
                "healthmonitor.checks.hanging.startup-timeout=200ms").run(context -> {
            CompositeHealthDescriptor health = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            IndicatedHealthDescriptor hanging = (IndicatedHealthDescriptor) health.getComponents().get("hanging");
            assertThat(hanging.getStatus()).isEqualTo(Status.DOWN);
            assertThat(hanging.getDetails()).containsEntry("message", "timed out after 200 ms");
        });
    }

    @Test
    void aNonCriticalFailureDegradesWithStatus200() {
        runner.withUserConfiguration(Failing.class).withPropertyValues("healthmonitor.checks.failing.critical=false").run(context -> {
            CompositeHealthDescriptor health = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).health();
            assertThat(health.getStatus()).isEqualTo(ActuatorStatuses.DEGRADED);
            assertThat(health.getComponents().get("failing").getStatus()).isEqualTo(ActuatorStatuses.DEGRADED);
            HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
            assertThat(groups.getPrimary().getHttpCodeStatusMapper().getStatusCode(ActuatorStatuses.DEGRADED)).isEqualTo(200);
            assertThat(groups.getPrimary().getHttpCodeStatusMapper().getStatusCode(Status.DOWN)).isEqualTo(503);
        });
    }

    @Test
    void aCriticalFailureIsDownAndKeepsTheIndicatorsError() {
        runner.withUserConfiguration(Failing.class).run(context -> {
            CompositeHealthDescriptor health = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            IndicatedHealthDescriptor failing = (IndicatedHealthDescriptor) health.getComponents().get("failing");
            assertThat(failing.getDetails()).containsEntry("error", "java.io.IOException: connection refused");
            assertThat(context.getBean(HealthMonitor.class).report().check("failing").orElseThrow().message())
                    .isEqualTo("java.io.IOException: connection refused");
        });
    }

    @Test
    void tagsAndActuatorGroupsAreTheSameGroups() {
        probes.withUserConfiguration(Contributors.class)
                .withPropertyValues("management.endpoint.health.group.storage.include=cache",
                        "healthmonitor.checks.inventory.tags=readiness")
                .run(context -> {
                    HealthMonitor monitor = context.getBean(HealthMonitor.class);
                    assertThat(registrationTags(monitor, "cache.primary")).contains("storage");
                    assertThat(registrationTags(monitor, "livenessState")).contains("liveness");
                    HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
                    CompositeHealthDescriptor readiness = (CompositeHealthDescriptor) endpoint.healthForPath("readiness");
                    assertThat(readiness.getComponents()).containsOnlyKeys("inventory", "readinessState");
                    CompositeHealthDescriptor storage = (CompositeHealthDescriptor) endpoint.healthForPath("storage");
                    assertThat(storage.getComponents()).containsOnlyKeys("cache");
                    assertThat(endpoint.healthForPath("cache", "replica").getStatus()).isEqualTo(Status.UP);
                    // Not run before the application publishes its readiness: not yet checked, OUT_OF_SERVICE as Actuator says.
                    assertThat(readiness.getComponents().get("readinessState").getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
                    assertThat(monitor.report().check("readinessState").orElseThrow().checked()).isFalse();
                    // Availability states are read on every request, never served from a cache.
                    AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
                    assertThat(endpoint.healthForPath("readiness", "readinessState").getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void aHealthCheckBeanIsAComponentOfActuatorsHealth() {
        runner.withUserConfiguration(CheckBean.class).run(context -> {
            CompositeHealthDescriptor health = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).health();
            assertThat(health.getComponents()).containsKey("payments");
        });
    }

    @Test
    void contributorsRegisteredAtRunTimeAreServedAsActuatorWould() {
        runner.withUserConfiguration(CheckBean.class).run(context -> {
            HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
            registry.registerContributor("late", (HealthIndicator) () -> Health.up().build());
            CompositeHealthDescriptor health = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).health();
            assertThat(health.getComponents()).containsKeys("late", "payments");
            assertThat(registry.unregisterContributor("late")).isNotNull();
        });
    }

    @Test
    void theStatusOrderPropertyAndAnAggregatorOfTheApplicationsOwnWin() {
        runner.withPropertyValues("management.endpoint.health.status.order=DOWN,UP,DEGRADED").run(context ->
                assertThat(context.getBean(StatusAggregator.class).getAggregateStatus(Status.UP, ActuatorStatuses.DEGRADED))
                        .isEqualTo(Status.UP));
        runner.run(context ->
                assertThat(context.getBean(StatusAggregator.class).getAggregateStatus(Status.UP, ActuatorStatuses.DEGRADED))
                        .isEqualTo(ActuatorStatuses.DEGRADED));
        runner.withUserConfiguration(OwnAggregator.class).run(context ->
                assertThat(context.getBean(StatusAggregator.class)).isSameAs(OwnAggregator.AGGREGATOR));
    }

    @Test
    void aRegistryOfTheApplicationsOwnWins() {
        runner.withUserConfiguration(OwnRegistry.class).run(context ->
                assertThat(context.getBean(HealthContributorRegistry.class)).isSameAs(OwnRegistry.REGISTRY));
    }

    @Test
    void switchedOffActuatorIsLeftAsItIs() {
        runner.withUserConfiguration(Contributors.class).withPropertyValues("healthmonitor.actuator.enabled=false").run(context -> {
            assertThat(context.getBean(HealthContributorRegistry.class)).isInstanceOf(DefaultHealthContributorRegistry.class);
            assertThat(context.getBean(HealthMonitor.class).names()).isEmpty();
        });
    }

    @Test
    void aMonitorOfTheApplicationsOwnIsServedBesideTheContributorsItDoesNotRun() {
        runner.withUserConfiguration(Contributors.class, OwnMonitor.class).run(context -> {
            CompositeHealthDescriptor health = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).health();
            assertThat(health.getComponents()).containsKeys("own", "inventory", "cache", "stream");
        });
    }

    private static String describe(HealthDescriptor health) {
        if (health instanceof CompositeHealthDescriptor composite && composite.getComponents() != null) {
            StringBuilder text = new StringBuilder(health.getStatus().getCode()).append(" {");
            composite.getComponents().forEach((name, child) -> text.append(name).append('=').append(describe(child)).append(' '));
            return text.append('}').toString();
        }
        return health.getStatus().getCode() + (health instanceof IndicatedHealthDescriptor indicated ? indicated.getDetails() : "");
    }

    private static java.util.Set<String> registrationTags(HealthMonitor monitor, String name) {
        return monitor.registrations().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().tags();
    }

    @Configuration(proxyBeanMethods = false)
    static class Contributors {
        @Bean
        HealthIndicator inventoryHealthIndicator() {
            return () -> Health.up().withDetail("items", 42).build();
        }

        @Bean
        HealthContributor cacheHealthContributor() {
            return CompositeHealthContributor.fromMap(Map.of(
                    "primary", (HealthIndicator) () -> Health.up().build(),
                    "replica", (HealthIndicator) () -> Health.up().build()));
        }

        @Bean
        ReactiveHealthIndicator streamHealthIndicator() {
            return () -> Mono.just(Health.up().build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Hung {
        static final AtomicInteger calls = new AtomicInteger();

        @Bean
        HealthIndicator hungHealthIndicator() {
            return () -> {
                calls.incrementAndGet();
                try {
                    new CountDownLatch(1).await(30, TimeUnit.SECONDS);   // bounded, so that a failing test ends
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Health.up().build();
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Concurrent {
        static final int COUNT = 10;
        static final AtomicInteger calls = new AtomicInteger();
        static final java.util.concurrent.atomic.AtomicReference<CountDownLatch> started =
                new java.util.concurrent.atomic.AtomicReference<>(new CountDownLatch(COUNT));

        @Bean
        static ConcurrentIndicators concurrentIndicators() {
            return new ConcurrentIndicators();
        }

        /** Registers COUNT indicators, each of which waits (bounded) for all to have started. */
        static final class ConcurrentIndicators implements org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor {
            @Override
            public void postProcessBeanDefinitionRegistry(org.springframework.beans.factory.support.BeanDefinitionRegistry registry) {
                for (int i = 0; i < COUNT; i++) {
                    registry.registerBeanDefinition("slow" + i + "HealthIndicator",
                            new org.springframework.beans.factory.support.RootBeanDefinition(HealthIndicator.class,
                                    () -> (HealthIndicator) () -> {
                                        calls.incrementAndGet();
                                        CountDownLatch latch = started.get();
                                        latch.countDown();
                                        try {
                                            return latch.await(5, TimeUnit.SECONDS) ? Health.up().build() : Health.down().build();
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                            return Health.down().build();
                                        }
                                    }));
                }
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Hanging {
        @Bean
        HealthIndicator hangingHealthIndicator() {
            return () -> {
                try {
                    Thread.sleep(Duration.ofSeconds(30).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Health.up().build();
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Failing {
        @Bean
        HealthIndicator failingHealthIndicator() {
            return () -> Health.down(new java.io.IOException("connection refused")).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CheckBean {
        @Bean
        HealthCheck payments() {
            return context -> HealthResult.healthy();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnAggregator {
        static final StatusAggregator AGGREGATOR = new SimpleStatusAggregator("UP");

        @Bean
        StatusAggregator ownAggregator() {
            return AGGREGATOR;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistry {
        static final HealthContributorRegistry REGISTRY = new DefaultHealthContributorRegistry();

        @Bean
        HealthContributorRegistry ownRegistry() {
            return REGISTRY;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMonitor {
        @Bean
        HealthMonitor ownMonitor() {
            return HealthMonitor.builder().register("own", context -> HealthResult.healthy()).build();
        }
    }
}
