package io.healthmonitor.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The bucket's key rules in one place: a key is {@code <service>.<instance>}, and JetStream keys
 * allow only {@code [-/_=.a-zA-Z0-9]}. A service is one token (no {@code .}), so the view splits a
 * key at its first dot; an instance may contain dots (host names do).
 */
final class FleetKeys {

    /** The longest service name. */
    static final int MAX_SERVICE = 64;
    /** The longest instance id. */
    static final int MAX_INSTANCE = 128;

    /** What a service name may be, as error messages say it. */
    static final String SERVICE_RULE = "1 to " + MAX_SERVICE
            + " characters of letters, digits and - / _ = (no dot: it separates service and instance in the key)";

    private static final Pattern SERVICE = Pattern.compile("[-/_=a-zA-Z0-9]{1," + MAX_SERVICE + "}");
    private static final Pattern INSTANCE = Pattern.compile("[-/_=a-zA-Z0-9]+(\\.[-/_=a-zA-Z0-9]+)*");
    private static final Pattern BUCKET = Pattern.compile("[-_a-zA-Z0-9]{1,64}");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^-/_=.a-zA-Z0-9]+");

    private FleetKeys() {
    }

    /** Whether {@code value} is a service name a publisher may use. */
    static boolean isService(String value) {
        return SERVICE.matcher(value).matches();
    }

    static String service(String service) {
        Objects.requireNonNull(service, "service");
        if (!isService(service)) {
            throw new IllegalArgumentException("a fleet service name must be " + SERVICE_RULE + ", was '" + printable(service) + "'");
        }
        return service;
    }

    static String instance(String instance) {
        Objects.requireNonNull(instance, "instance");
        if (instance.length() > MAX_INSTANCE || !INSTANCE.matcher(instance).matches()) {
            throw new IllegalArgumentException("a fleet instance id must be 1 to " + MAX_INSTANCE
                    + " characters of letters, digits and - / _ = . (not starting or ending with a dot, no two dots in a row),"
                    + " was '" + printable(instance) + "'");
        }
        return instance;
    }

    static String bucket(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("a bucket name must be 1 to 64 letters, digits, - and _, was '"
                    + printable(bucket) + "'");
        }
        return bucket;
    }

    /** Turns a host name (or anything) into a valid instance id: other characters become {@code _}. */
    static String sanitizeInstance(String raw) {
        String cleaned = NOT_ALLOWED.matcher(raw).replaceAll("_").replaceAll("\\.{2,}", ".");
        while (cleaned.startsWith(".")) {
            cleaned = cleaned.substring(1);
        }
        while (cleaned.endsWith(".")) {
            cleaned = cleaned.substring(0, cleaned.length() - 1);
        }
        if (cleaned.length() > MAX_INSTANCE) {
            cleaned = cleaned.substring(0, MAX_INSTANCE);
        }
        return cleaned.isEmpty() ? "unknown" : cleaned;
    }

    /** The host name: {@code HOSTNAME} (set in containers), else what the resolver says. */
    static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String key(String service, String instance) {
        return service + "." + instance;
    }

    /** Splits a key into service and instance, or returns null for a key that breaks the rules. */
    static String @Nullable [] split(String key) {
        int dot = key.indexOf('.');
        if (dot <= 0 || dot == key.length() - 1) {
            return null;
        }
        String service = key.substring(0, dot);
        String instance = key.substring(dot + 1);
        if (!SERVICE.matcher(service).matches() || instance.length() > MAX_INSTANCE || !INSTANCE.matcher(instance).matches()) {
            return null;
        }
        return new String[] {service, instance};
    }

    private static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
