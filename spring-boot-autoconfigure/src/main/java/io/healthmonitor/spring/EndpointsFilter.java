package io.healthmonitor.spring;

import io.healthmonitor.http.EndpointServlet;
import io.healthmonitor.http.Endpoints;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
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
        if (applicationServlet != null && application.mayServe(path)) {
            boolean claimed;
            try (ApplicationEndpoints.Claim claim = ApplicationEndpoints.track()) {
                // The router writes only after its endpoints answered, so the response learns by then whether it is theirs.
                applicationServlet.service(new UnreadBody(request), new ClaimedOnly(response));
                claimed = claim.claimed();
            }
            if (claimed) {
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * The request as the router sees it: the body stream is opened on its first use only, so that a
     * request no endpoint read reaches the application as it came (a servlet may still call
     * {@code getReader()}, and the container still parse a form).
     */
    private static final class UnreadBody extends HttpServletRequestWrapper {

        private @Nullable ServletInputStream opened;

        UnreadBody(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return open().read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return open().read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return opened != null && opened.isFinished();
                }

                @Override
                public boolean isReady() {
                    return opened == null || opened.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the endpoints read the body blocking");
                }
            };
        }

        private ServletInputStream open() throws IOException {
            if (opened == null) {
                opened = super.getInputStream();
            }
            return opened;
        }
    }

    /** The response, written only when an endpoint took the request; the router's own 404 of a request none took is dropped. */
    private static final class ClaimedOnly extends HttpServletResponseWrapper {

        ClaimedOnly(HttpServletResponse response) {
            super(response);
        }

        private static boolean claimed() {
            return ApplicationEndpoints.claimed();
        }

        @Override
        public void setStatus(int status) {
            if (claimed()) {
                super.setStatus(status);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (claimed()) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (claimed()) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setContentType(String type) {
            if (claimed()) {
                super.setContentType(type);
            }
        }

        @Override
        public void setContentLength(int length) {
            if (claimed()) {
                super.setContentLength(length);
            }
        }

        @Override
        public void setContentLengthLong(long length) {
            if (claimed()) {
                super.setContentLengthLong(length);
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            return claimed() ? super.getOutputStream() : Discard.STREAM;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            return claimed() ? super.getWriter() : new PrintWriter(OutputStream.nullOutputStream());
        }
    }

    /** Where a dropped answer goes. */
    private static final class Discard extends ServletOutputStream {

        static final Discard STREAM = new Discard();

        @Override
        public void write(int b) {
            // dropped
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            // dropped
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new IllegalStateException("nothing is written");
        }
    }
}
