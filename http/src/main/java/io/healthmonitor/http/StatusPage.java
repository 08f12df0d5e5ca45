package io.healthmonitor.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * {@code /health/ui}: one self-contained HTML page (no external asset, no CDN) that shows the
 * detailed report as a table with status colours, response times, messages and details, and
 * refreshes itself every ten seconds.
 *
 * <p>The page itself holds no health data, so it is served to everyone; its script fetches
 * {@code /health/detailed} from the browser, so the handler's {@link Authorizer} decides what it
 * shows. A caller without details access sees the overall status of {@code /health} only. For
 * {@link Authorizer#bearerToken(String)}, the token is typed into the page or passed in the URL
 * fragment ({@code /health/ui#token=...}: fragments never reach the server or its logs); it is
 * kept in the tab's {@code sessionStorage} and sent as {@code Authorization: Bearer}.
 *
 * <p>A strict Content-Security-Policy allows only this page's own script and style (by hash) and
 * requests to its own origin; check names, messages and details are inserted as text, never as
 * HTML. Stateless and thread-safe.
 */
final class StatusPage {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1f2328;background:#fff}
            h1{font-size:1.4rem;margin:0 0 .5rem}
            #overall{display:inline-block;padding:.3rem .8rem;border-radius:.3rem;font-weight:600;color:#fff;background:#6e7781}
            #meta{color:#57606a;margin:.5rem 0 1rem;font-size:.9rem}
            table{border-collapse:collapse;width:100%;font-size:.9rem}
            th,td{border-bottom:1px solid #d0d7de;padding:.4rem .6rem;text-align:left;vertical-align:top}
            th{background:#f6f8fa}
            td.number{text-align:right;font-variant-numeric:tabular-nums}
            td.status{font-weight:600}
            dl{margin:0;display:grid;grid-template-columns:max-content auto;gap:0 .6rem}
            dt{color:#57606a}dd{margin:0;word-break:break-word}
            #overall.healthy{background:#1a7f37}
            #overall.degraded{background:#bf8700}
            #overall.unhealthy{background:#cf222e}
            tr.healthy td.status{color:#1a7f37}
            tr.degraded td.status{color:#9a6700}
            tr.unhealthy td.status{color:#cf222e}
            tr.degraded{background:#fff8c5}
            tr.unhealthy{background:#ffebe9}
            form{margin:1rem 0}
            #notice{color:#57606a}
            """;

    private static final String SCRIPT = """
            "use strict";
            (function () {
              var REFRESH_MILLIS = 10000;
              var KEY = "healthmonitor.token";
              var hash = new URLSearchParams(location.hash.slice(1));
              if (hash.get("token")) {
                sessionStorage.setItem(KEY, hash.get("token"));
                history.replaceState(null, "", location.pathname + location.search);
              }
              function el(name, text, className) {
                var e = document.createElement(name);
                if (text !== undefined && text !== null) { e.textContent = String(text); }
                if (className) { e.className = className; }
                return e;
              }
              function value(v) {
                return (v !== null && typeof v === "object") ? JSON.stringify(v) : String(v);
              }
              function details(check) {
                var list = el("dl");
                var d = check.details || {};
                Object.keys(d).forEach(function (key) {
                  list.appendChild(el("dt", key));
                  list.appendChild(el("dd", value(d[key])));
                });
                if (check.error) {
                  list.appendChild(el("dt", "error"));
                  list.appendChild(el("dd", check.error));
                }
                return list;
              }
              function overall(status) {
                var o = document.getElementById("overall");
                o.textContent = status;
                o.className = status;
                document.title = status + " - health";
              }
              function showReport(report) {
                overall(report.overallStatus);
                var body = document.getElementById("rows");
                body.replaceChildren();
                report.checks.forEach(function (check) {
                  var row = el("tr", null, check.status);
                  row.setAttribute("data-check", check.name);
                  row.appendChild(el("td", check.name, "name"));
                  row.appendChild(el("td", check.status, "status"));
                  row.appendChild(el("td", check.critical ? "yes" : "no", "critical"));
                  row.appendChild(el("td", Number(check.responseTime).toFixed(1), "number response-time"));
                  row.appendChild(el("td", check.message || "", "message"));
                  var cell = el("td", null, "details");
                  cell.appendChild(details(check));
                  row.appendChild(cell);
                  body.appendChild(row);
                });
                document.getElementById("checks").hidden = false;
                document.getElementById("login").hidden = true;
                document.getElementById("notice").textContent = "";
              }
              function showSummaryOnly(status) {
                document.getElementById("rows").replaceChildren();
                document.getElementById("checks").hidden = true;
                document.getElementById("login").hidden = false;
                document.getElementById("notice").textContent = status === 401
                    ? "Details need a token." : "Details are not available to you.";
                return fetch(new URL("../health", location), { cache: "no-store", headers: { Accept: "application/json" } })
                  .then(function (r) { return r.json(); })
                  .then(function (summary) { overall(summary.status); });
              }
              function refresh() {
                var headers = { Accept: "application/json" };
                var token = sessionStorage.getItem(KEY);
                if (token) { headers.Authorization = "Bearer " + token; }
                fetch(new URL("detailed", location), { cache: "no-store", headers: headers })
                  .then(function (r) {
                    if (r.status === 401 || r.status === 403) { return showSummaryOnly(r.status); }
                    if (r.status !== 200 && r.status !== 503) { throw new Error("HTTP " + r.status); }
                    return r.json().then(showReport);
                  })
                  .then(function () {
                    document.getElementById("updated").textContent = new Date().toISOString();
                  })
                  .catch(function (e) {
                    overall("unreachable");
                    document.getElementById("notice").textContent = "Cannot read the health report: " + e.message;
                  })
                  .finally(function () { setTimeout(refresh, REFRESH_MILLIS); });
              }
              document.getElementById("login").addEventListener("submit", function (event) {
                event.preventDefault();
                var input = document.getElementById("token");
                if (input.value) { sessionStorage.setItem(KEY, input.value.trim()); }
                input.value = "";
                refresh();
              });
              refresh();
            })();
            """;

    private static final String HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>health</title>
            <style>STYLE</style>
            </head>
            <body>
            <h1>Health <span id="overall">loading</span></h1>
            <div id="meta">Updated <span id="updated">never</span>; refreshes every 10 s. <span id="notice"></span></div>
            <form id="login" hidden>
            <label for="token">Bearer token</label>
            <input id="token" type="password" autocomplete="off">
            <button type="submit">Show details</button>
            </form>
            <table id="checks" hidden>
            <thead><tr><th>Check</th><th>Status</th><th>Critical</th><th>Response time (ms)</th><th>Message</th><th>Details</th></tr></thead>
            <tbody id="rows"></tbody>
            </table>
            <script>SCRIPT</script>
            </body>
            </html>
            """.replace("<style>STYLE</style>", "<style>" + STYLE + "</style>")
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

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
