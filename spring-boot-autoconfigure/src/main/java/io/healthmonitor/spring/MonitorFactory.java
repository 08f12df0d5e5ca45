package io.healthmonitor.spring;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthListener;
import io.healthmonitor.HealthMonitor;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Builds the auto-configured monitor: {@link CheckRegistration} beans, then {@link HealthCheck}
 * beans (named by their bean names), then the checks of integrations such as Actuator's
 * contributors, each with its {@code healthmonitor.checks.<name>.*} options and the tags of the
 * Actuator groups that include it; then listeners and customizers.
 */
final class MonitorFactory {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorFactory.class);

    private MonitorFactory() {
    }

    static HealthMonitor build(ListableBeanFactory beans, RegistrationOptions options, GroupTagger tagger,
            List<CheckSource> sources, List<HealthListener> listeners, List<HealthMonitorCustomizer> customizers) {
        Map<String, CheckRegistration> registrations = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();   // every check name found, switched off or not
        for (CheckRegistration registration : beans.getBeansOfType(CheckRegistration.class, false, true).values()) {
            seen.add(registration.name());
            if (options.enabled(registration.name())) {
                registrations.put(registration.name(), options.override(registration, tagger.tags(registration.name())));
            }
        }
        for (String name : beans.getBeanNamesForType(HealthCheck.class, false, true)) {
            Class<?> type = beans.getType(name);
            if (type != null && HealthMonitor.class.isAssignableFrom(type)) {
                continue; // the monitor itself, or one of the application's own
            }
            seen.add(name);
            if (!registrations.containsKey(name) && options.enabled(name)) {
                CheckRegistration base = CheckRegistration.builder(name, beans.getBean(name, HealthCheck.class)).build();
                registrations.put(name, options.registration(base, tagger.tags(name)));
            }
        }
        for (CheckSource source : sources) {
            for (CheckSource.Sourced sourced : source.checks(registrations.keySet())) {
                String name = sourced.base().name();
                seen.add(name);
                if (!registrations.containsKey(name) && options.enabled(name)) {
                    registrations.put(name, options.registration(sourced.base(), tagger.tags(sourced.path())));
                }
            }
        }
        for (String unknown : options.configuredBesides(seen)) {
            LOG.warn("healthmonitor.checks.{}: no check has that name, so its options are not used; the checks are: {}",
                    unknown, String.join(", ", registrations.keySet()));
        }
        HealthMonitor.Builder builder = HealthMonitor.builder();
        registrations.values().forEach(builder::register);
        listeners.forEach(builder::listener);
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }
}
