package io.healthmonitor;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks credentials in text before it leaves the process: in reports, logs, events and metrics tags.
 *
 * <p>It masks the user-info of URLs ({@code redis://:secret@host} becomes {@code redis://***@host}),
 * the values of password-like parameters ({@code password=}, {@code pwd=}, {@code secret=},
 * {@code token=}, {@code apikey=}, ... in query strings, JDBC URLs and {@code key: value} text),
 * and bearer/basic credentials. The engine applies it to every message, error and text detail of
 * a {@link CheckResult}; checks modules apply it to what they put in results themselves.
 *
 * <p>Stateless and thread-safe.
 */
public final class Redactor {

    /** The text that replaces a credential. */
    public static final String MASK = "***";

    private static final Pattern URL_USER_INFO =
            Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@?#]+@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)\\b((?:[a-z0-9_.-]*(?:password|passwd|passphrase|secret|token|apikey|api_key|api-key|credentials?)"
                    + "|pwd|auth|sig|signature)\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s&;,)\"'}\\]]+)");
    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)\\b(bearer|basic)\\s+[a-z0-9._~+/=-]{4,}");

    private Redactor() {
    }

    /**
     * Returns {@code text} with every credential it recognises masked.
     *
     * @param text the text, or null
     * @return the redacted text, or null when {@code text} is null
     */
    public static @Nullable String redact(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = URL_USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        result = SECRET_PARAMETER.matcher(result).replaceAll("$1" + MASK);
        return AUTHORIZATION.matcher(result).replaceAll("$1 " + MASK);
    }
}
