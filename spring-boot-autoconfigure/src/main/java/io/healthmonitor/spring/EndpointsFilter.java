package io.healthmonitor.spring;

import io.healthmonitor.http.EndpointServlet;
import io.healthmonitor.http.Endpoints;
import io.healthmonitor.http.HealthEndpoints;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves the runbook endpoints on the application's own servlet container, beside its other
 * servlets (Spring MVC's {@code DispatcherServlet} included): a request under one of the router's
 * paths ({@code /health}, {@code /health/*}, {@code /api/v1/health/checks/*}, the Kubernetes aliases,
 * each under the base path) is answered by the router through {@link EndpointServlet}; any other
 * passes on. As a filter it runs after Spring Security's filter chain, so an authorizer can read the
 * authenticated principal. Thread-safe.
 */
final class EndpointsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial")
    private final EndpointServlet servlet;
    @SuppressWarnings("serial")
    private final List<String> prefixes;

    EndpointsFilter(Endpoints endpoints, boolean kubernetesAliases) {
        this.servlet = new EndpointServlet(endpoints);
        String base = endpoints.basePath();
        List<String> paths = new ArrayList<>(List.of(base + HealthEndpoints.HEALTH_PATH, base + HealthEndpoints.CHECKS_PATH));
        if (kubernetesAliases) {
            paths.addAll(List.of(base + "/livez", base + "/readyz", base + "/startupz"));
        }
        this.prefixes = List.copyOf(paths);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (served(request)) {
            servlet.service(request, response);
        } else {
            chain.doFilter(request, response);
        }
    }

    private boolean served(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        String path = uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
        for (String prefix : prefixes) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }
}
