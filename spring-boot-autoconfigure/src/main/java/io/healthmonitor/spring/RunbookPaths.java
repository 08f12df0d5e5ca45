package io.healthmonitor.spring;

import io.healthmonitor.http.HealthEndpoints;
import java.util.ArrayList;
import java.util.List;

/**
 * The paths a filter hands to the router, under its base path: {@code /health}, {@code /health/*},
 * {@code /api/v1/health/checks/*} and, when enabled, the Kubernetes aliases. Every other path
 * belongs to the application. Immutable.
 */
final class RunbookPaths {

    private final List<String> prefixes;

    RunbookPaths(String basePath, boolean kubernetesAliases) {
        List<String> paths = new ArrayList<>(List.of(basePath + HealthEndpoints.HEALTH_PATH, basePath + HealthEndpoints.CHECKS_PATH));
        if (kubernetesAliases) {
            paths.addAll(List.of(basePath + "/livez", basePath + "/readyz", basePath + "/startupz"));
        }
        this.prefixes = List.copyOf(paths);
    }

    /**
     * Whether the router answers a path.
     *
     * @param path the path within the application (without its context path), as sent
     */
    boolean matches(String path) {
        for (String prefix : prefixes) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }
}
