package io.healthmonitor.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Serves an {@link Endpoints} router in any Jakarta Servlet 6 container (Tomcat 10.1+, Jetty 12
 * ee10+, Undertow, Spring Boot 3's embedded servers). Map it to {@link #urlPattern()}: {@code /*}
 * for a router at the root, {@code /manage/*} for one whose base path is {@code /manage}.
 *
 * <pre>{@code
 * EndpointServlet servlet = new EndpointServlet(endpoints);
 * servletContext.addServlet("health", servlet).addMapping(servlet.urlPattern());
 * }</pre>
 *
 * <p>The router sees the path within the web application, as sent (percent-encoded): the request
 * URI without the context path, so {@code /app/manage/health} in a context {@code /app} is
 * {@code /manage/health}. Not the container's normalised path: the router answers 404 to a path
 * spelled other than canonically ({@code /manage/health/}, {@code /manage//health},
 * {@code /manage/./health}, {@code /manage/health;x=1}, and a context path spelled with an empty or dot
 * segment, {@code /x/../app/manage/health}), which Tomcat and Jetty would each resolve their own way;
 * {@code /app;jsessionid=1/manage/health} is served. A servlet mapped to {@code /manage/*} whose router has no base path would
 * answer 404 to everything: {@link #init()} refuses that. Every method reaches the router, which
 * answers 405 to those it does not serve; the container's own rules (URI normalisation, rejected
 * encoded separators, its limits) apply before. A 401 whose challenge the server is to issue
 * ({@link Authorizer.Decision#CHALLENGE_BY_SERVER}) goes to {@code HttpServletRequest.authenticate}:
 * Spring Security answers it with its entry point ({@code WWW-Authenticate: Basic realm="Realm"} for
 * HTTP Basic), a container with a login configuration with its own; where none answers, the router's
 * 401 is sent with the library's challenge, {@link EndpointResponse#BEARER_CHALLENGE}.
 *
 * <p>Thread-safe: the router is immutable.
 */
public final class EndpointServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern PATH_PARAMETER = Pattern.compile(";[^/]*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** The router; HttpServlet is Serializable, but containers never serialize a servlet instance. */
    @SuppressWarnings("serial")
    private final Endpoints endpoints;

    /**
     * Creates a servlet for the router.
     *
     * @param endpoints the router
     * @throws NullPointerException if {@code endpoints} is null
     */
    public EndpointServlet(Endpoints endpoints) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    /**
     * Returns the URL pattern to map this servlet to: {@code /*} when the router has no base path,
     * else the base path followed by {@code /*}.
     *
     * @return the pattern, such as {@code /manage/*}
     */
    public String urlPattern() {
        return endpoints.basePath().isEmpty() ? "/*" : endpoints.basePath() + "/*";
    }

    /**
     * Checks that the servlet's mappings reach the router's endpoints: a path mapping
     * {@code /p/*} needs a base path that is {@code /p} or starts with {@code /p/}, or an endpoint
     * that takes {@code /p} or {@code /p/} itself (a router at the root mapped to {@code /health/*}
     * serves {@code /health}, {@code /health/ready}, ..., since it sees the whole path within the web
     * application).
     *
     * @throws ServletException if a mapping can only ever answer 404
     */
    @Override
    public void init() throws ServletException {
        ServletRegistration registration = getServletContext().getServletRegistration(getServletName());
        Collection<String> mappings = registration == null ? Collections.emptyList() : registration.getMappings();
        String basePath = endpoints.basePath();
        for (String mapping : mappings) {
            if (mapping.endsWith("/*") && !mapping.equals("/*")) {
                String prefix = mapping.substring(0, mapping.length() - 2);
                boolean underBasePath = basePath.equals(prefix) || basePath.startsWith(prefix + "/");
                if (!underBasePath && !endpoints.takes(prefix) && !endpoints.takes(prefix + "/")) {
                    throw new ServletException("servlet '" + getServletName() + "' is mapped to " + mapping
                            + " but its router's base path is '" + basePath + "' and no endpoint takes " + prefix
                            + ", so it would answer 404 to every request: build the router with Endpoints.builder().basePath(\""
                            + prefix + "\") or map the servlet to " + urlPattern());
                }
            }
        }
    }

    /**
     * Answers every request, whatever its method, from the router.
     *
     * @param request  the request
     * @param response the response
     * @throws IOException if the body cannot be read or the response cannot be written
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(endpoints.handle(request(request)), request, response);
    }

    /**
     * Answers the request as {@link #service} does when one of the router's endpoints takes it;
     * otherwise writes nothing and returns false ({@link Endpoints#serve}), so that a filter can pass
     * the request on to the application. The body stream is opened only when an endpoint reads
     * it, so a request no endpoint took reaches the application as it came (its servlets may still
     * call {@code getReader()}, the container still parse a form).
     *
     * @param request  the request
     * @param response the response
     * @return whether an endpoint answered the request
     * @throws IOException if the body cannot be read or the response cannot be written
     */
    public boolean serveIfAnswered(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EndpointResponse answer = endpoints.serve(request(request));
        if (answer == null) {
            return false;
        }
        write(answer, request, response);
        return true;
    }

    /**
     * Writes the answer; a 401 the server's authentication is to challenge
     * ({@link EndpointResponse#challengedByServer()}) goes to {@code request.authenticate}, and is
     * written with the library's challenge only when the container has no login mechanism that
     * answered it (Spring Security's request wrapper calls its entry point; Tomcat without a login
     * configuration answers true).
     */
    private static void write(EndpointResponse answer, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (answer.challengedByServer()) {
            if (serverChallenged(request, response)) {
                return;
            }
            answer = answer.withHeader("WWW-Authenticate", EndpointResponse.BEARER_CHALLENGE);
        }
        response.setStatus(answer.status());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        byte[] body = answer.body();
        response.setContentLength(body.length);
        if (body.length > 0 && !"HEAD".equals(request.getMethod())) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(body);
            }
        }
    }

    /**
     * Whether the container's or a framework's authentication answered the caller (its challenge, or
     * its redirect to a login page): {@code authenticate} returned false and set a status or committed
     * the response. Without a login mechanism a container answers true, fails, or writes nothing.
     */
    private static boolean serverChallenged(HttpServletRequest request, HttpServletResponse response) {
        try {
            return !request.authenticate(response) && (response.isCommitted() || response.getStatus() != HttpServletResponse.SC_OK);
        } catch (ServletException | IOException | RuntimeException e) {
            // A container without a login mechanism may fail here: Tomcat calls its context's authenticator unchecked, and an
            // embedded context set up without a login configuration may have none (a NullPointerException).
            return response.isCommitted();
        }
    }

    private static EndpointRequest request(HttpServletRequest request) {
        EndpointRequest.Builder builder = EndpointRequest.builder(request.getMethod(),
                        pathWithinApplication(request.getRequestURI(), request.getContextPath()))
                .rawQuery(request.getQueryString())
                .remoteAddress(address(request.getRemoteAddr()));
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            builder.header(name, Collections.list(request.getHeaders(name)));
        }
        return builder.body(request.getContentLengthLong(), request::getInputStream).build();
    }

    /**
     * The request URI, as sent, without the context path: from the {@code /} after it, {@code /} when
     * nothing follows. Tomcat gives the context path as sent ({@code /app;jsessionid=1}), Jetty decoded
     * and without path parameters ({@code /app}) beside a URI as sent: when the URI does not start with
     * the context path, as many segments as it has are dropped. A context path spelled with an empty
     * or dot segment gives the whole URI, which the router refuses ({@link Endpoints#isCanonical}).
     */
    static String pathWithinApplication(String uri, String contextPath) {
        int end;
        if (uri.startsWith(contextPath) && (uri.length() == contextPath.length() || uri.charAt(contextPath.length()) == '/')) {
            end = contextPath.length();
        } else {
            end = 0;
            for (int i = 0; i < contextPath.length() && end >= 0; i++) {
                if (contextPath.charAt(i) == '/') {
                    end = uri.indexOf('/', end + 1);
                }
            }
        }
        if (end > 0 && !Endpoints.isCanonical(PATH_PARAMETER.matcher(uri.substring(0, end)).replaceAll(""))) {
            // A context path spelled with an empty or dot segment (/x/../app, which Tomcat maps to /app): the router sees the
            // whole URI and refuses it, as it does on Jetty, whose context path then does not match the URI.
            return uri;
        }
        return end < 0 || end >= uri.length() ? "/" : uri.substring(end);
    }

    // Parses the container's address literal without ever looking a name up; anything else is unknown.
    private static @Nullable InetAddress address(@Nullable String remote) {
        if (remote == null) {
            return null;
        }
        String literal = remote.startsWith("[") && remote.endsWith("]") ? remote.substring(1, remote.length() - 1) : remote;
        try {
            Matcher ipv4 = IPV4.matcher(literal);
            if (ipv4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(ipv4.group(i + 1));
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            // Starting with a hex digit or a colon and holding a colon, it is parsed as an IPv6 literal, never looked up.
            boolean ipv6 = literal.indexOf(':') >= 0 && (literal.charAt(0) == ':' || Character.digit(literal.charAt(0), 16) >= 0);
            return ipv6 ? InetAddress.getByName(literal) : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
