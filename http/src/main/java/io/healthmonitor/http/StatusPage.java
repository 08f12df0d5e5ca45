package io.healthmonitor.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * {@code /health/ui}: one self-contained HTML page (no external asset, no CDN) that shows the
 * detailed report as a table with status colours, response times, messages and details; per check
 * a status timeline and a response-time sparkline, and the overall status over time, drawn as
 * inline SVG from {@code /health/history}; and a fleet section when {@code /health/fleet} answers.
 * It refreshes itself every ten seconds. Its markup, style and script are the resources
 * {@code status-page.html}, {@code .css} and {@code .js} beside this class.
 *
 * <p>The page itself holds no health data, so it is served to everyone; its script fetches
 * {@code /health/detailed}, {@code /health/history} and {@code /health/fleet} from the browser, so
 * the handler's {@link Authorizer} decides what it shows. A caller without details access sees the overall status of {@code /health} only. For
 * {@link Authorizer#bearerToken(String)}, the token is typed into the page or passed in the URL
 * fragment ({@code /health/ui#token=...}: fragments never reach the server or its logs); it is
 * kept in the tab's {@code sessionStorage} and sent as {@code Authorization: Bearer}.
 *
 * <p>A strict Content-Security-Policy allows only this page's own script and style (by hash) and
 * requests to its own origin; check names, messages, details and fleet entries are inserted as
 * text, never as HTML, and the SVG is built element by element. Stateless and thread-safe.
 */
final class StatusPage {

    private static final String STYLE = resource("status-page.css");
    private static final String SCRIPT = resource("status-page.js");
    private static final String HTML = resource("status-page.html")
            .replace("<style>STYLE</style>", "<style>" + STYLE + "</style>")
            .replace("<script>SCRIPT</script>", "<script>" + SCRIPT + "</script>");

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src '" + sha256(SCRIPT)
            + "'; style-src '" + sha256(STYLE) + "'; connect-src 'self'; form-action 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    private static final byte[] BODY = HTML.getBytes(StandardCharsets.UTF_8);

    private StatusPage() {
    }

    /**
     * Answers the page with its security headers; GET and HEAD only. Content negotiation does not
     * apply: the page is HTML whatever the browser accepts.
     */
    static EndpointResponse respond(EndpointRequest request) {
        EndpointResponse refused = RequestRules.refuseUnlessGetOrHead(request);
        if (refused != null) {
            return refused;
        }
        return EndpointResponse.of(200, "text/html; charset=utf-8", BODY)
                .withHeaders("Content-Security-Policy", CONTENT_SECURITY_POLICY, "Referrer-Policy", "no-referrer",
                        "X-Frame-Options", "DENY");
    }

    /** The page is three resources beside this class; the CSP hashes are computed from what is inserted. */
    private static String resource(String name) {
        try (InputStream in = StatusPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the jar", e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
