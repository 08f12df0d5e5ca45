package io.healthmonitor.spring;

import io.healthmonitor.CheckRegistration;
import io.healthmonitor.Hysteresis;
import io.healthmonitor.Schedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Turns the {@code healthmonitor.checks.<name>.*} and {@code healthmonitor.defaults.*} properties
 * into registrations. A check's own entry wins over what code set, which wins over the defaults.
 * Immutable once built; thread-safe.
 */
final class RegistrationOptions {

    private final HealthMonitorProperties properties;

    RegistrationOptions(HealthMonitorProperties properties) {
        this.properties = properties;
    }

    /** False when {@code healthmonitor.checks.<name>.enabled=false} (or the default says so). */
    boolean enabled(String name) {
        Boolean own = own(name).getEnabled();
        Boolean fallback = properties.getDefaults().getEnabled();
        return own != null ? own : fallback == null || fallback;
    }

    /**
     * The names under {@code healthmonitor.checks.*} that are not in {@code found}, leaving out
     * entries that only switch a check off (a built-in check that backed off is not found either).
     */
    List<String> configuredBesides(Set<String> found) {
        return properties.getChecks().entrySet().stream()
                .filter(entry -> !found.contains(entry.getKey()) && !onlySwitchesOff(entry.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private static boolean onlySwitchesOff(CheckProperties entry) {
        return Boolean.FALSE.equals(entry.getEnabled()) && entry.getTimeout() == null && entry.getStartupTimeout() == null
                && entry.getSlowThreshold() == null && entry.getCritical() == null && entry.getTags().isEmpty()
                && entry.getCacheTtl() == null && entry.getBackgroundInterval() == null
                && entry.getHysteresis().getFailures() == null && entry.getHysteresis().getRecoveries() == null;
    }

    /** A registration of a check that code did not configure: its entry, then the defaults, then the base. */
    CheckRegistration registration(CheckRegistration base, List<String> extraTags) {
        CheckRegistration.Builder builder = CheckRegistration.builder(base.name(), base.check())
                .schedule(base.schedule()).tags(base.tags().toArray(String[]::new));
        CompletionStage<?> startAfter = base.startAfter();
        if (startAfter != null) {
            builder.startAfter(startAfter);
        }
        String name = base.name();
        apply(builder, properties.getDefaults());
        apply(builder, own(name));
        builder.tags(extraTags.toArray(String[]::new));
        return builder.build();
    }

    /** A registration configured in code, with its entry's options on top. */
    CheckRegistration override(CheckRegistration base, List<String> extraTags) {
        CheckProperties own = properties.getChecks().get(base.name());
        if (own == null && base.tags().containsAll(extraTags)) {
            return base;
        }
        if (own == null) {
            own = new CheckProperties();
        }
        CheckRegistration.Builder builder = base.toBuilder();
        // The start-up deadline may never be shorter than a timeout the entry raises.
        Duration timeout = own.getTimeout();
        builder.startupTimeout(timeout != null && timeout.compareTo(base.startupTimeout()) > 0 ? timeout : base.startupTimeout());
        apply(builder, own);
        builder.tags(extraTags.toArray(String[]::new));
        return builder.build();
    }

    private CheckProperties own(String name) {
        CheckProperties own = properties.getChecks().get(name);
        return own == null ? new CheckProperties() : own;
    }

    private static void apply(CheckRegistration.Builder builder, CheckProperties options) {
        set(options.getCritical(), builder::critical);
        set(options.getTimeout(), builder::timeout);
        set(options.getStartupTimeout(), builder::startupTimeout);
        set(options.getSlowThreshold(), builder::slowThreshold);
        builder.tags(options.getTags().toArray(String[]::new));
        Duration interval = options.getBackgroundInterval();
        if (interval != null) {
            builder.schedule(Schedule.background(interval));
        } else if (options.getCacheTtl() != null) {
            builder.schedule(Schedule.onDemand(options.getCacheTtl()));
        }
        Integer failures = options.getHysteresis().getFailures();
        Integer recoveries = options.getHysteresis().getRecoveries();
        if (failures != null || recoveries != null) {
            builder.hysteresis(Hysteresis.of(failures == null ? 1 : failures, recoveries == null ? 1 : recoveries));
        }
    }

    private static <T> void set(@Nullable T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
