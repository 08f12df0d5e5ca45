package io.healthmonitor.spring;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.context.ApplicationListener;

/**
 * A stage per availability state, complete once the application has published that state: Boot
 * publishes liveness when the application has started and readiness when it is ready. The checks of
 * Boot's availability indicators start after theirs ({@code CheckRegistration.startAfter}), not in
 * the monitor's start-up round, which runs while the context is still starting and would log the
 * application down and out of service at every start. Thread-safe.
 */
final class AvailabilityPublished implements ApplicationListener<AvailabilityChangeEvent<?>> {

    private final ConcurrentMap<Class<?>, CompletableFuture<Void>> published = new ConcurrentHashMap<>();
    private final @Nullable ApplicationAvailability availability;

    AvailabilityPublished(@Nullable ApplicationAvailability availability) {
        this.availability = availability;
    }

    /** Completes once the application has published a state of {@code type} (at once if it already has). */
    CompletionStage<Void> of(Class<? extends AvailabilityState> type) {
        CompletableFuture<Void> stage = stage(type);
        if (availability != null && availability.getState(type) != null) {
            stage.complete(null);
        }
        return stage;
    }

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
        AvailabilityState state = event.getState();
        stage(state instanceof Enum<?> constant ? constant.getDeclaringClass() : state.getClass()).complete(null);
    }

    private CompletableFuture<Void> stage(Class<?> type) {
        return published.computeIfAbsent(type, key -> new CompletableFuture<>());
    }
}
