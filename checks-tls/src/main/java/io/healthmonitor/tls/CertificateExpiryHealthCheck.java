package io.healthmonitor.tls;

import io.healthmonitor.CheckContext;
import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.Redactor;
import java.nio.file.FileSystemException;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks that the certificates of one or more {@link CertificateSource}s are valid and not about
 * to expire, and optionally that their chains are trusted and that endpoints present a
 * certificate for their host name.
 *
 * <pre>{@code
 * HealthCheck tls = CertificateExpiryHealthCheck.builder(CertificateSource.endpoint("api.example.com", 443))
 *         .source(CertificateSource.pemFile(Path.of("/etc/ssl/certs/credlink.crt")))
 *         .build();
 * }</pre>
 *
 * <p>Status, from the certificate that expires first (defaults shown): {@code DEGRADED} when it
 * expires within 30 days, {@code UNHEALTHY} within 7 days, once expired, when any certificate is
 * not yet valid, when a source cannot be read, or when requested chain validation or hostname
 * verification fails. The message names the certificate, its source and its end date, so the
 * warning shows even where details are hidden. Details count the certificates at the runbooks'
 * 30-, 7- and 1-day marks and describe every certificate (see {@code docs/checks-tls.md}).
 *
 * <p>Sources are read in order on every invocation. Live endpoints take their time from the
 * invocation's {@linkplain CheckContext#clientTimeout() client timeout} (the registration's deadline
 * less a margin): each gets an equal share of what is left when its turn comes, so that time one
 * endpoint does not use passes on and a blackholed one cannot starve the others. Within its share,
 * the TCP connect and the TLS handshake are bounded, and a timeout says which of them did not
 * happen and how long it was waited for ("connected in 2 ms, then no TLS handshake within 1398 ms"),
 * before the engine's deadline. Name resolution is the JDK's and is not bounded. Files and
 * keystores need no time. Immutable apart from the record of the last certificates read (for
 * {@link CertificateInventory}); thread-safe.
 */
public final class CertificateExpiryHealthCheck implements HealthCheck {

    /** The default threshold for {@code DEGRADED}: 30 days. */
    public static final Duration DEFAULT_WARNING_THRESHOLD = Duration.ofDays(30);
    /** The default threshold for {@code UNHEALTHY}: 7 days. */
    public static final Duration DEFAULT_CRITICAL_THRESHOLD = Duration.ofDays(7);

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    private final List<CertificateSource> sources;
    private final InstantSource clock;
    private final Duration warningThreshold;
    private final Duration criticalThreshold;
    private final @Nullable ChainValidation chainValidation;
    private final boolean hostnameVerification;
    private final LatestCertificates latest = new LatestCertificates();

    private CertificateExpiryHealthCheck(Builder builder) {
        this.sources = List.copyOf(builder.sources);
        this.clock = builder.clock;
        this.warningThreshold = builder.warningThreshold;
        this.criticalThreshold = builder.criticalThreshold;
        this.chainValidation = builder.trustStore != null ? ChainValidation.of(builder.trustStore)
                : builder.chainValidation ? ChainValidation.jdkDefault() : null;
        this.hostnameVerification = builder.hostnameVerification;
    }

    /**
     * Starts a check of {@code source}; add more sources with {@link Builder#source(CertificateSource)}.
     *
     * @param source the first source
     * @return a builder with the defaults: 30-day warning, 7-day critical threshold, system clock,
     *         no chain validation, no hostname verification
     * @throws NullPointerException if {@code source} is null
     */
    public static Builder builder(CertificateSource source) {
        return new Builder(source);
    }

    /**
     * Returns a check of {@code source} with the defaults of {@link #builder(CertificateSource)}.
     *
     * @param source the source
     * @return the check
     * @throws NullPointerException if {@code source} is null
     */
    public static CertificateExpiryHealthCheck of(CertificateSource source) {
        return builder(source).build();
    }

    /**
     * Returns the sources this check reads, in order.
     *
     * @return an unmodifiable list
     */
    public List<CertificateSource> sources() {
        return sources;
    }

    /**
     * Reads every source and assesses its certificates. Failures of a source become an unhealthy
     * result naming the source; nothing is thrown for them.
     *
     * @param context the invocation's deadline; live endpoints share its {@link CheckContext#clientTimeout()}
     * @return the result
     */
    @Override
    public HealthResult check(CheckContext context) {
        long deadline = System.nanoTime() + context.clientTimeout().toNanos();
        int endpointsLeft = (int) sources.stream().filter(CertificateSource::live).count();
        List<Chain> chains = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<String, List<CertificateInfo>> read = new LinkedHashMap<>();
        for (CertificateSource source : sources) {
            long sourceDeadline = deadline;
            if (source.live()) {
                long now = System.nanoTime();
                sourceDeadline = now + Math.max(0, deadline - now) / endpointsLeft;
                endpointsLeft--;
            }
            try {
                List<Chain> loaded = source.load(sourceDeadline);
                chains.addAll(loaded);
                read.put(source.name(), loaded.stream()
                        .flatMap(chain -> chain.certificates().stream().map(c -> CertificateInfo.of(chain.source(), c)))
                        .toList());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.add("interrupted while reading " + source.name());
                break;
            } catch (Exception e) {
                errors.add(Redactor.redact(readError(source, e)));
            }
        }
        latest.record(read);
        return assess(chains, read.values().stream().flatMap(List::stream).toList(), errors, clock.instant());
    }

    /**
     * Why a source could not be read. A file's path is named once (a file system error's message is
     * the path again), and not followed by ": ", which reads as "name: value" to the redactor when the
     * file's name says secret ({@code /run/secrets/db-password: ***}).
     */
    private static String readError(CertificateSource source, Exception e) {
        if (source.live()) {
            return "cannot read certificates from " + source.name() + ": "
                    + (e instanceof TlsEndpoint.Timeout ? e.getMessage() : HealthResult.describe(e));
        }
        String why = e instanceof FileSystemException file
                ? file.getClass().getName() + (file.getReason() == null ? "" : ": " + file.getReason())
                : HealthResult.describe(e);
        return "cannot read certificates from " + source.name() + " (" + why + ")";
    }

    /** The certificates last read, for the inventory. */
    LatestCertificates latest() {
        return latest;
    }

    private HealthResult assess(List<Chain> chains, List<CertificateInfo> certificates, List<String> errors, Instant now) {
        HealthStatus status = errors.isEmpty() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY;
        List<String> problems = new ArrayList<>(errors);

        List<CertificateInfo> notYetValid = certificates.stream().filter(c -> now.isBefore(c.notBefore())).toList();
        if (!notYetValid.isEmpty()) {
            status = HealthStatus.UNHEALTHY;
            CertificateInfo first = notYetValid.get(0);
            problems.add("certificate " + label(first) + " from " + first.source() + " is not valid until " + first.notBefore()
                    + more(notYetValid.size() - 1, "not yet valid"));
        }

        CertificateInfo earliest = certificates.stream().min(Comparator.comparing(CertificateInfo::notAfter)).orElse(null);
        String expiry = null;
        if (earliest != null) {
            Duration left = earliest.timeLeft(now);
            expiry = "certificate " + label(earliest) + " from " + earliest.source() + " "
                    + (left.isNegative() ? "expired " + span(left.negated()) + " ago" : "expires in " + span(left))
                    + " (" + earliest.notAfter() + ")";
            HealthStatus expiryStatus = left.compareTo(criticalThreshold) <= 0 ? HealthStatus.UNHEALTHY
                    : left.compareTo(warningThreshold) <= 0 ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
            if (expiryStatus != HealthStatus.HEALTHY) {
                int others = countExpiringWithin(certificates, now, warningThreshold) - 1;
                problems.add(expiry + more(others, "expiring within " + span(warningThreshold)));
                status = status.worst(expiryStatus);
            }
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("certificateCount", certificates.size());
        details.put("expired", (int) certificates.stream().filter(c -> c.notAfter().isBefore(now)).count());
        details.put("notYetValid", notYetValid.size());
        details.put("expiringWithin30Days", countExpiringWithin(certificates, now, MONTH));
        details.put("expiringWithin7Days", countExpiringWithin(certificates, now, WEEK));
        details.put("expiringWithin1Day", countExpiringWithin(certificates, now, DAY));
        if (earliest != null) {
            details.put("earliestNotAfter", earliest.notAfter().toString());
            details.put("expiresInDays", earliest.daysLeft(now));
            details.put("expiryAlert", alert(earliest.timeLeft(now)));
        }

        if (chainValidation != null) {
            List<String> untrusted = new ArrayList<>();
            for (Chain chain : chains) {
                String problem = chainValidation.problem(chain.certificates(), now);
                if (problem != null) {
                    untrusted.add("certificate chain from " + chain.source() + " is not trusted: " + problem);
                }
            }
            details.put("chainTrusted", untrusted.isEmpty() && errors.isEmpty());
            if (!untrusted.isEmpty()) {
                details.put("chainProblems", untrusted);
                problems.addAll(untrusted);
                status = HealthStatus.UNHEALTHY;
            }
        }
        if (hostnameVerification) {
            List<String> mismatched = new ArrayList<>();
            for (Chain chain : chains) {
                if (chain.hostname() != null && !matches(chain.hostname(), chain)) {
                    mismatched.add("certificate " + label(CertificateInfo.of(chain.source(), chain.certificates().get(0)))
                            + " from " + chain.source() + " does not match host name " + chain.hostname());
                }
            }
            details.put("hostnameVerified", mismatched.isEmpty() && errors.isEmpty());
            if (!mismatched.isEmpty()) {
                details.put("hostnameProblems", mismatched);
                problems.addAll(mismatched);
                status = HealthStatus.UNHEALTHY;
            }
        }
        if (!errors.isEmpty()) {
            details.put("errors", errors);
        }
        details.put("certificates", certificates.stream().map(c -> c.toDetail(now)).toList());

        String message = problems.isEmpty()
                ? certificates.size() + (certificates.size() == 1 ? " certificate" : " certificates") + " valid; earliest: "
                        + expiry
                : String.join("; ", problems);
        return HealthResult.of(status, message).withDetails(details);
    }

    private static boolean matches(String hostname, Chain chain) {
        try {
            return HostnameMatch.matches(hostname, chain.certificates().get(0));
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static int countExpiringWithin(List<CertificateInfo> certificates, Instant now, Duration window) {
        Instant limit = now.plus(window);
        return (int) certificates.stream().filter(c -> !c.notAfter().isAfter(limit)).count();
    }

    /** The runbooks' alert marks, fixed whatever the thresholds: expired, 1d, 7d, 30d or none. */
    static String alert(Duration left) {
        if (left.isNegative()) {
            return "expired";
        }
        return left.compareTo(DAY) <= 0 ? "1d" : left.compareTo(WEEK) <= 0 ? "7d" : left.compareTo(MONTH) <= 0 ? "30d" : "none";
    }

    private static String label(CertificateInfo certificate) {
        String commonName = certificate.commonName();
        return commonName.equals(certificate.subject()) ? certificate.subject() : "CN=" + commonName;
    }

    private static String more(int count, String what) {
        return count <= 0 ? "" : " (and " + count + " more " + what + ")";
    }

    /** A duration as people say it: whole days, or hours, or minutes in the last hours. */
    static String span(Duration duration) {
        long days = duration.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = duration.toHours();
        if (hours >= 1) {
            return hours + (hours == 1 ? " hour" : " hours");
        }
        long minutes = duration.toMinutes();
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    /** Builds a {@link CertificateExpiryHealthCheck}; not thread-safe. */
    public static final class Builder {
        private final List<CertificateSource> sources = new ArrayList<>();
        private InstantSource clock = Clock.systemUTC();
        private Duration warningThreshold = DEFAULT_WARNING_THRESHOLD;
        private Duration criticalThreshold = DEFAULT_CRITICAL_THRESHOLD;
        private boolean chainValidation;
        private @Nullable KeyStore trustStore;
        private boolean hostnameVerification;

        private Builder(CertificateSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
        }

        /**
         * Adds a source; sources are read in the order added.
         *
         * @param value the source
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder source(CertificateSource value) {
            sources.add(Objects.requireNonNull(value, "source"));
            return this;
        }

        /**
         * Sets the source of the current time that expiry is measured against (default the system clock).
         *
         * @param value a {@link Clock} or any instant source
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets how close to expiry a certificate makes the check {@code DEGRADED} (default 30 days).
         *
         * @param value the threshold
         * @return this builder
         * @throws NullPointerException     if {@code value} is null
         * @throws IllegalArgumentException if {@code value} is not positive
         */
        public Builder warningThreshold(Duration value) {
            this.warningThreshold = positive(value, "warningThreshold");
            return this;
        }

        /**
         * Sets how close to expiry a certificate makes the check {@code UNHEALTHY} (default 7 days).
         *
         * @param value the threshold, at most the warning threshold
         * @return this builder
         * @throws NullPointerException     if {@code value} is null
         * @throws IllegalArgumentException if {@code value} is negative
         */
        public Builder criticalThreshold(Duration value) {
            Objects.requireNonNull(value, "criticalThreshold");
            if (value.isNegative()) {
                throw new IllegalArgumentException("criticalThreshold must be >= 0");
            }
            this.criticalThreshold = value;
            return this;
        }

        /**
         * Sets whether every chain is validated (PKIX, at the clock's time, without revocation)
         * against the JDK's default trust store (default false). An untrusted chain makes the
         * check {@code UNHEALTHY}, reported apart from expiry in {@code chainTrusted} and
         * {@code chainProblems}.
         *
         * @param value true to validate
         * @return this builder
         */
        public Builder chainValidation(boolean value) {
            this.chainValidation = value;
            return this;
        }

        /**
         * Validates every chain against the trusted certificates of {@code value} rather than the
         * JDK's default trust store; implies {@link #chainValidation(boolean) chainValidation(true)}.
         *
         * @param value a loaded keystore with at least one trusted certificate entry
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder trustStore(KeyStore value) {
            this.trustStore = Objects.requireNonNull(value, "trustStore");
            return this;
        }

        /**
         * Sets whether the leaf certificate of each live endpoint must match its host name (or
         * SNI server name), as HTTPS clients require (default false). A mismatch makes the check
         * {@code UNHEALTHY}, reported in {@code hostnameVerified} and {@code hostnameProblems}.
         *
         * @param value true to verify
         * @return this builder
         */
        public Builder hostnameVerification(boolean value) {
            this.hostnameVerification = value;
            return this;
        }

        /**
         * Builds the check; reads the JDK's trust store now when chain validation needs it.
         *
         * @return an immutable, thread-safe check
         * @throws IllegalArgumentException if the critical threshold exceeds the warning threshold,
         *                                  or the trust store holds no trusted certificate
         * @throws IllegalStateException    if the JDK's default trust store cannot be read
         */
        public CertificateExpiryHealthCheck build() {
            if (criticalThreshold.compareTo(warningThreshold) > 0) {
                throw new IllegalArgumentException("criticalThreshold must be <= warningThreshold");
            }
            return new CertificateExpiryHealthCheck(this);
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be > 0");
            }
            return value;
        }
    }
}
