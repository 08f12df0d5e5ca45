package io.healthmonitor.spring;

import io.healthmonitor.http.EndpointServlet;
import io.healthmonitor.http.Endpoints;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Serves the runbook endpoints on the application's own servlet container, beside its other
 * servlets (Spring MVC's {@code DispatcherServlet} included): a request under one of the router's
 * paths ({@code /health}, {@code /health/*}, {@code /api/v1/health/checks/*}, the Kubernetes aliases,
 * each under the base path) is answered by the router through {@link EndpointServlet}; a request
 * that one of the application's endpoint beans answers ({@link ApplicationEndpoints}) is answered
 * by it; any other passes on, its body unread and its response untouched. As a filter it runs
 * after Spring Security's filter chain, so an authorizer can read the authenticated principal.
 * Thread-safe.
 */
final class EndpointsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial")
    private final EndpointServlet servlet;
    @SuppressWarnings("serial")
    private final RunbookPaths paths;
    @SuppressWarnings("serial")
    private final ApplicationEndpoints application;
    @SuppressWarnings("serial")
    private final @Nullable EndpointServlet applicationServlet;

    EndpointsFilter(Endpoints endpoints, boolean kubernetesAliases, ApplicationEndpoints application) {
        this.servlet = new EndpointServlet(endpoints);
        this.paths = new RunbookPaths(endpoints.basePath(), kubernetesAliases);
        this.application = application;
        this.applicationServlet = application.isEmpty() ? null : new EndpointServlet(application.router());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        String path = uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
        if (paths.matches(path)) {
            servlet.service(request, response);
            return;
        }
        if (applicationServlet != null && application.mayServe(path) && applicationServlet.serveIfAnswered(request, response)) {
            return;
        }
        chain.doFilter(request, response);
    }
}
