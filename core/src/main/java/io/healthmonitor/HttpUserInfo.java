package io.healthmonitor;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The user-info of an endpoint URL ({@code https://user:pass@host/...}), which
 * {@link HttpEndpointHealthCheck} sends as Basic authentication instead of in the request line.
 */
final class HttpUserInfo {

    private HttpUserInfo() {
    }

    /** The URL without its user-info: what is requested. */
    static URI strip(URI url) {
        String authority = url.getRawAuthority();
        if (url.getRawUserInfo() == null || authority == null) {
            return url;
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        return URI.create(url.getScheme() + "://" + hostAndPort + Objects.requireNonNullElse(url.getRawPath(), "")
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    /** The {@code Authorization} header value for the URL's user-info, or null when it has none. */
    static @Nullable String basicAuthorization(URI url) {
        String userInfo = url.getRawUserInfo();
        if (userInfo == null) {
            return null;
        }
        String decoded = URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (userInfo.indexOf(':') < 0) {
            // RFC 7617: user-pass = user-id ":" password. A bare user (a token) has an empty password.
            decoded += ":";
        }
        return "Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
    }
}
