package io.healthmonitor.examples.springboot;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * Load-test indicators, off unless asked for: {@code --demo.slow-indicators=10} adds ten Actuator
 * {@code HealthIndicator}s ({@code slow0} ... {@code slow9}) that each take
 * {@code demo.slow-indicator-delay} (50 ms), {@code --demo.hung-indicator=true} adds one
 * ({@code hung}) that does not return for an hour. Their invocations are counted in the meter
 * {@code demo.indicator.invocations} (tag {@code kind}: {@code slow} or {@code hung}; on
 * {@code /actuator/metrics} when that endpoint is exposed) and logged when the application stops,
 * which is how the side-by-side benchmark in docs/benchmarks.md counts them.
 */
@Configuration(proxyBeanMethods = false)
class DemoIndicators {

    /**
     * Registers the indicators the properties ask for.
     *
     * @return the registrar
     */
    @Bean
    static Registrar demoIndicatorsRegistrar() {
        return new Registrar();
    }

    /**
     * The invocation counts as meters.
     *
     * @param invocations the counts
     * @return the binder
     */
    @Bean
    MeterBinder demoIndicatorMeters(Invocations invocations) {
        return registry -> {
            FunctionCounter.builder("demo.indicator.invocations", invocations.slow, AtomicLong::get)
                    .tag("kind", "slow").description("calls of the demo's slow indicators").register(registry);
            FunctionCounter.builder("demo.indicator.invocations", invocations.hung, AtomicLong::get)
                    .tag("kind", "hung").description("calls of the demo's hung indicator").register(registry);
        };
    }

    /** Counts of indicator calls, logged when the application stops. */
    static final class Invocations implements DisposableBean {

        private static final Logger LOG = LoggerFactory.getLogger(Invocations.class);
        final AtomicLong slow = new AtomicLong();
        final AtomicLong hung = new AtomicLong();

        @Override
        public void destroy() {
            LOG.info("demo indicator invocations: slow={} hung={}", slow.get(), hung.get());
        }
    }

    /** Adds the indicators as beans named {@code slow<i>HealthIndicator} and {@code hungHealthIndicator}. */
    static final class Registrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

        private Binder binder = Binder.get(new StandardEnvironment());

        @Override
        public void setEnvironment(Environment environment) {
            this.binder = Binder.get(environment);
        }

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            Invocations invocations = new Invocations();
            registry.registerBeanDefinition("demoIndicatorInvocations", new RootBeanDefinition(Invocations.class, () -> invocations));
            int slow = binder.bind("demo.slow-indicators", Integer.class).orElse(0);
            Duration delay = binder.bind("demo.slow-indicator-delay", Duration.class).orElse(Duration.ofMillis(50));
            for (int i = 0; i < slow; i++) {
                registry.registerBeanDefinition("slow" + i + "HealthIndicator", new RootBeanDefinition(HealthIndicator.class,
                        () -> (HealthIndicator) () -> sleep(invocations.slow, delay)));
            }
            if (binder.bind("demo.hung-indicator", Boolean.class).orElse(false)) {
                registry.registerBeanDefinition("hungHealthIndicator", new RootBeanDefinition(HealthIndicator.class,
                        () -> (HealthIndicator) () -> sleep(invocations.hung, Duration.ofHours(1))));
            }
        }

        private static Health sleep(AtomicLong counter, Duration duration) {
            counter.incrementAndGet();
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down().withDetail("error", "interrupted").build();
            }
            return Health.up().withDetail("took", duration.toMillis() + " ms").build();
        }
    }
}
