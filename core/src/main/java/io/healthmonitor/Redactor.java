package io.healthmonitor;

import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks credentials in text before it leaves the process: in reports, logs, events and metrics tags.
 *
 * <p>It masks the user-info of URLs ({@code redis://:p@ss@host} becomes {@code redis://***@host},
 * an unencoded {@code @} in the password included), of {@code user:secret@host} without a
 * scheme and of Oracle's {@code user/secret@host}; the values of parameters whose name says secret ({@code password}, {@code pwd},
 * {@code secret_key}, {@code AWS_SECRET_ACCESS_KEY}, {@code private_key}, {@code token},
 * {@code apikey}, {@code session}, {@code JSESSIONID}, {@code cookie}, ...) written {@code name=value}, {@code name: value}, {@code "name":"value"} (JSON),
 * {@code name%3Dvalue} (URL-encoded) or {@code --name value} (command lines), and as the keys of a
 * result's details ({@link #isSecretName(String)}); the token after a password keyword and blanks
 * ({@code password hunter22}, {@code PGPASSWORD hunter22}, {@code PASSWORD 'hunter 22'}) unless it
 * is one of the words that follow "password" in ordinary messages ("password authentication
 * failed", "no password supplied", "password is required": the English words that join it to a
 * sentence and those of PostgreSQL's, MariaDB's and their drivers' messages), so an unknown word
 * is masked rather than a password shown; and the credentials
 * of {@code Authorization} headers of any scheme and of bare {@code Bearer}/{@code Basic} tokens.
 * The password of SQL that sets one ({@code IDENTIFIED BY 'secret'}, as a server's syntax error
 * echoes it) is masked too.
 * MySQL's and MariaDB's "Access denied ... (using password: YES)" keeps its {@code YES} or
 * {@code NO}, which says whether a password was sent, not what it was. The engine applies it to every message, error and text detail of
 * a {@link CheckResult}; checks modules apply it to what they put in results themselves.
 *
 * <p>Stateless and thread-safe.
 */
public final class Redactor {

    /** The text that replaces a credential. */
    public static final String MASK = "***";

    /** {@code scheme://user:secret@host}: everything up to the last {@code @} of the authority, {@code @} in passwords included. */
    private static final Pattern URL_USER_INFO =
            Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s?#]+@");
    /** {@code user:secret@host} without a scheme, as drivers quote hosts in their messages. */
    private static final Pattern BARE_USER_INFO =
            Pattern.compile("(?<![\\w/:@.%-])[\\w.%+-]+:[^\\s@/]+@(?=[\\w\\[])");
    /** {@code user/secret@host}, Oracle's EZConnect form of credentials. */
    private static final Pattern SLASHED_USER_INFO =
            Pattern.compile("(?<![\\w/:@.%-])[\\w.%+-]+/[^\\s@/]+@(?=[\\w\\[])");
    /** Names of secrets: a word that says so, anywhere in the name ({@code AWS_SECRET_ACCESS_KEY}, {@code db.password}). */
    private static final String SECRET_NAME = "[a-z0-9_.-]*(?:password|passwd|passphrase|secret|token|apikey|api[_-]key"
            + "|credentials?|private[_-]?key|access[_-]?key)[a-z0-9_.-]*|pwd|pass|auth|sig|signature"
            // Whole names only: a detail named "sessions" or "activeSessions" is a count, not a credential.
            + "|j?session(?:[_-]?id)?|cookie";
    /** A whole name that says secret, such as a detail's key. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)(?:" + SECRET_NAME + ")");
    /** {@code name=value}, {@code name: value}, {@code "name":"value"}, {@code name%3Dvalue}. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)(?<![a-z0-9_.-])([\"']?(?:" + SECRET_NAME + ")[\"']?\\s*(?:[=:]|%3d)\\s*)"
                    + "(\"[^\"]*\"|'[^']*'|[^\\s&;,)\"'}\\]]+)");
    /** {@code --password value}, {@code -p value} is too ambiguous to mask. */
    private static final Pattern SECRET_FLAG = Pattern.compile(
            "(?i)(--(?:" + SECRET_NAME + ")\\s+)([^\\s-][^\\s]*)");
    /**
     * A password keyword (alone or ending a name), blanks, then the next token ({@code password hunter22},
     * {@code PGPASSWORD hunter22}, {@code PASSWORD 'hunter 22'}): masked unless the token is one of
     * {@link #WORDS_AFTER_PASSWORD}.
     */
    private static final Pattern SECRET_AFTER_KEYWORD = Pattern.compile(
            "(?i)((?:password|passwd|passphrase)[ \\t]+)('[^'\\n]*'|\"[^\"\\n]*\"|\\S+)");
    /**
     * The words that follow "password" in the messages of the servers and clients the library checks
     * (PostgreSQL, MariaDB and their JDBC drivers: "password authentication failed", "no password
     * supplied", "password is required", "PASSWORD EXPIRE"; Redis: "username-password pair", "any
     * password configured", "password (NOAUTH)"), and the words of English that join it to the rest
     * of a sentence. Any other token after "password" is taken for the password: a secret leaks
     * through no dictionary, an unlisted word costs one "***" in a message.
     */
    private static final Set<String> WORDS_AFTER_PASSWORD = Set.of(
            "a", "an", "the", "is", "are", "was", "were", "be", "been", "has", "have", "had", "does", "do", "did",
            "doesn't", "don't", "isn't", "wasn't", "can", "cannot", "can't", "could", "couldn't", "may", "might",
            "must", "should", "shall", "will", "would", "won't", "not", "no", "of", "for", "to", "in", "on", "at",
            "by", "with", "without", "from", "into", "and", "or", "but", "as", "if", "than", "that", "which",
            "this", "it", "its", "too", "so", "then", "when", "while", "via", "after", "before", "since", "also",
            "only", "here", "there", "you", "your", "please",
            "authentication", "auth", "based", "hash", "hashes", "encryption", "algorithm", "file", "files",
            "packet", "response", "request", "callback", "prompt", "provided", "supplied", "required", "needed",
            "expected", "expired", "expire", "expires", "expiry", "expiration", "mismatch", "match", "matches",
            "policy", "validation", "verification", "check", "format", "length", "information", "assigned",
            "cleared", "retrieved", "returned", "truncated", "changed", "change", "reset", "rotation", "missing",
            "empty", "invalid", "incorrect", "wrong", "failed", "failure", "error", "denied", "rejected",
            "accepted", "protected", "plugin", "field", "property", "parameter", "option", "value", "entry",
            "store", "manager", "login", "lifetime", "history", "reuse", "complexity", "strength", "locked",
            "contains", "needs", "requires", "used", "sent", "specified", "entered", "given", "set", "go", "goes",
            "configured", "pair", "noauth", "wrongpass");
    /** What opens a remark in a sentence without being part of its first word. */
    private static final Pattern LEADING_PUNCTUATION = Pattern.compile("^[(\\[{]+");
    /** What ends a word in a sentence without being part of it. */
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:!?)\\]}]+$");

    /**
     * SQL that sets a password: MySQL's and MariaDB's {@code IDENTIFIED [WITH|VIA plugin] BY|AS|USING
     * secret} and {@code PASSWORD('secret')}, also where a syntax error echoes a quoted one from its
     * {@code BY} on (MariaDB 10.11: "... the right syntax to use near 'BY 'hunter22'' at line 1").
     * PostgreSQL's {@code PASSWORD 'secret'} is the keyword rule's. Applied before the other rules,
     * which would take {@code PASSWORD(} for the value.
     */
    private static final Pattern IDENTIFIED_BY = Pattern.compile(
            "(?i)(\\bidentified\\s+(?:(?:with|via)\\s+\\S+\\s+)?(?:by|as|using)\\s+|\\bnear\\s+'(?:by|as|using)\\s+(?=['\"])"
                    + "|\\b(?:old_)?password\\s*\\(\\s*(?=['\"]))('[^'\\n]*'|\"[^\"\\n]*\"|(?!password\\b)[^\\s'\"(),;]+)");

    /** {@code Authorization: <scheme> <credentials>} and bare {@code Bearer}/{@code Basic} credentials. */
    private static final Pattern AUTHORIZATION_HEADER = Pattern.compile(
            "(?i)\\b(authorization\\s*[:=]\\s*)(?:(bearer|basic|token|digest|negotiate|apikey)\\s+)?[^\\s,;]+");
    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)\\b(bearer|basic)\\s+[a-z0-9._~+/=-]{4,}");

    private Redactor() {
    }

    /** MySQL's and MariaDB's "Access denied for user ... (using password: YES)": whether one was sent, not what. */
    private static boolean isUsingPasswordAnswer(String text, MatchResult match) {
        String value = match.group(2);
        String before = "(using ";
        return (value.equals("YES") || value.equals("NO")) && match.start() >= before.length()
                && text.startsWith(before, match.start() - before.length()) && text.startsWith(")", match.end());
    }

    /**
     * Returns whether a name says that its value is a secret ({@code password}, {@code db.password},
     * {@code apiKey}, {@code AWS_SECRET_ACCESS_KEY}, ...): the same names whose values
     * {@link #redact(String)} masks in text.
     *
     * @param name the name, such as a detail's key
     * @return true when the value must be masked
     */
    public static boolean isSecretName(String name) {
        return SECRET_KEY.matcher(name).matches();
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
        result = BARE_USER_INFO.matcher(result).replaceAll(MASK + "@");
        result = SLASHED_USER_INFO.matcher(result).replaceAll(MASK + "@");
        result = AUTHORIZATION_HEADER.matcher(result).replaceAll(match ->
                Matcher.quoteReplacement(match.group(1) + (match.group(2) == null ? "" : match.group(2) + " ") + MASK));
        result = IDENTIFIED_BY.matcher(result).replaceAll(match -> {
            char quote = match.group(2).charAt(0);
            return Matcher.quoteReplacement(match.group(1) + (quote == '"' || quote == '\'' ? quote + MASK + quote : MASK));
        });
        String parameters = result;
        result = SECRET_PARAMETER.matcher(parameters).replaceAll(match -> {
            String value = match.group(2);
            if (isUsingPasswordAnswer(parameters, match)) {
                return Matcher.quoteReplacement(match.group());
            }
            char quote = value.charAt(0);
            String masked = quote == '"' || quote == '\'' ? quote + MASK + quote : MASK;
            return Matcher.quoteReplacement(match.group(1) + masked);
        });
        result = SECRET_FLAG.matcher(result).replaceAll("$1" + MASK);
        result = SECRET_AFTER_KEYWORD.matcher(result).replaceAll(match -> {
            String token = match.group(2);
            char quote = token.charAt(0);
            if (quote == '"' || quote == '\'') {
                return Matcher.quoteReplacement(match.group(1) + quote + MASK + quote);
            }
            String word = LEADING_PUNCTUATION.matcher(TRAILING_PUNCTUATION.matcher(token).replaceFirst(""))
                    .replaceFirst("").toLowerCase(Locale.ROOT);
            return Matcher.quoteReplacement(match.group(1) + (WORDS_AFTER_PASSWORD.contains(word) ? token : MASK));
        });
        return AUTHORIZATION.matcher(result).replaceAll("$1 " + MASK);
    }
}
