package io.healthmonitor.spring;

import io.healthmonitor.http.EndpointServlet;
import io.healthmonitor.http.Endpoints;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

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
    private final RunbookPaths paths;

    EndpointsFilter(Endpoints endpoints, boolean kubernetesAliases) {
        this.servlet = new EndpointServlet(endpoints);
        this.paths = new RunbookPaths(endpoints.basePath(), kubernetesAliases);
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
        return paths.matches(uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri);
    }
}
