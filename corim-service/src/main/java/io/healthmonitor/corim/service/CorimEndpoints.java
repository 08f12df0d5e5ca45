package io.healthmonitor.corim.service;

import com.fasterxml.jackson.core.JsonGenerator;
import io.healthmonitor.corim.CorimLimits;
import io.healthmonitor.corim.CorimProblem;
import io.healthmonitor.corim.CorimValidationResult;
import io.healthmonitor.corim.CorimValidator;
import io.healthmonitor.corim.internal.CorimJson;
import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.Endpoint;
import io.healthmonitor.http.EndpointRequest;
import io.healthmonitor.http.EndpointResponse;
import io.healthmonitor.http.RequestRules;
import io.healthmonitor.micrometer.HealthMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves CoRIM validation and a {@link CorimProfileStore}: an {@link Endpoint} of healthmonitor-http,
 * so every server binding serves it, beside the health endpoints and under the same base path.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>request</th><th>answers</th></tr>
 *   <tr><td>{@code POST /api/v1/corim/validate}</td><td>200 with the result when valid; validates only, stores nothing</td></tr>
 *   <tr><td>{@code POST /api/v1/corim/profiles}</td><td>201 with the result and the stored profile, {@code Location} header</td></tr>
 *   <tr><td>{@code GET /api/v1/corim/profiles?limit=&after=}</td><td>200 with one page of the stored
 *       profiles' metadata, ordered by id: at most {@code limit} (default {@value #DEFAULT_PAGE_SIZE},
 *       at most {@value #MAX_PAGE_SIZE}) after the id {@code after}, and the {@code next} id to ask
 *       for the following page with</td></tr>
 *   <tr><td>{@code GET /api/v1/corim/profiles/{id}}</td><td>200 with the metadata, or the CoRIM itself when
 *       {@code Accept} names {@code application/rim+cbor} or {@code application/rim+cose}; 404</td></tr>
 *   <tr><td>{@code DELETE /api/v1/corim/profiles/{id}}</td><td>204; 404</td></tr>
 * </table>
 *
 * <p>Uploads must be {@code application/rim+cbor}, {@code application/rim+cose} or one of the
 * legacy {@code application/corim+cbor}, {@code application/corim-unsigned+cbor},
 * {@code application/corim-signed+cbor} (else 415). A body over the size limit is refused with 413
 * from its {@code Content-Length} before it is read, or as soon as a chunked body passes the limit.
 * Unreadable CBOR or a body that cannot be read is 400, a CoRIM with problems 422 with the problem
 * list; every such failure logs one WARN line containing {@code validation failed} with the
 * problem codes, counts in {@code corim_validation_failures_total{reason}} ({@code invalid},
 * {@code unreadable}, {@code too_large}, {@code unsupported_media_type}, {@code busy}), and stores
 * nothing. At most {@link Builder#maxConcurrentUploads} uploads are read and validated at once; one
 * more is answered 503 with {@code Retry-After} before its body is read (reason {@code busy}). A
 * store that cannot be reached is 503; a store that has no room for a new profile
 * ({@link CorimStoreFullException}), 507.
 *
 * <p>The profile endpoints (upload, list, read, delete) answer only callers the
 * {@link Authorizer} grants, by default {@link Authorizer#loopbackOnly()}; refused callers get 401
 * or 403. Validation alone is open to every caller. Answers are JSON, with the router's
 * {@code Cache-Control: no-store}; no stack trace leaves the process.
 *
 * <p>Immutable and thread-safe.
 */
public final class CorimEndpoints implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(CorimEndpoints.class);

    /** The base path of every endpoint of these endpoints. */
    public static final String BASE_PATH = "/api/v1/corim";
    /** The validation endpoint. */
    public static final String VALIDATE_PATH = BASE_PATH + "/validate";
    /** The profiles collection. */
    public static final String PROFILES_PATH = BASE_PATH + "/profiles";

    /** The profiles a listing answers when the request names no {@code limit}. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** The most profiles one listing answers. */
    public static final int MAX_PAGE_SIZE = 1_000;
    /**
     * The uploads read and validated at once unless {@link Builder#maxConcurrentUploads} says
     * otherwise: one per 256 MiB of the heap's maximum, from 2 to 8 (2 for 512 MiB, 4 for 1 GiB,
     * 8 from 2 GiB), so that uploads at their worst (~45 MB each with the default limits) hold
     * about a fifth of the heap at most.
     */
    public static final int DEFAULT_MAX_CONCURRENT_UPLOADS =
            (int) Math.max(2, Math.min(8, Runtime.getRuntime().maxMemory() / (256L * 1024 * 1024)));
    /** How often a read of a profile's bytes is made again when a replace came between its two reads. */
    private static final int MAX_READ_ATTEMPTS = 3;

    /** The media types accepted for uploads, lower case. */
    public static final Set<String> MEDIA_TYPES = Set.of("application/rim+cbor", "application/rim+cose",
            "application/corim+cbor", "application/corim-unsigned+cbor", "application/corim-signed+cbor");

    private static final String JSON = "application/json";

    private final CorimProfileStore store;
    private final Authorizer authorizer;
    private final CorimUploads uploads;

    private CorimEndpoints(Builder b) {
        this.store = b.store;
        this.authorizer = b.authorizer;
        CorimMeters meters = b.metrics == null ? CorimMeters.none() : CorimMeters.of(b.metrics, b.store);
        this.uploads = new CorimUploads(b.validator, b.maxBodyBytes, b.maxConcurrentUploads, meters);
    }

    /**
     * Starts building the endpoints.
     *
     * @param validator validates every upload
     * @param store where {@code POST /api/v1/corim/profiles} stores valid CoRIMs
     * @return a builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(CorimValidator validator, CorimProfileStore store) {
        return new Builder(validator, store);
    }

    @Override
    public @Nullable EndpointResponse handle(EndpointRequest request) {
        String path = request.path();
        if (!path.equals(BASE_PATH) && !path.startsWith(BASE_PATH + "/")) {
            return null;
        }
        try {
            return respond(request);
        } catch (CorimStoreFullException e) {
            LOG.warn("CoRIM profile store full: {}", e.getMessage());
            return EndpointResponse.error(507, "profile store full");
        } catch (CorimStoreException e) {
            LOG.warn("CoRIM profile store unavailable: {}", e.getMessage());
            return EndpointResponse.error(503, "profile store unavailable");
        }
    }

    private EndpointResponse respond(EndpointRequest request) {
        String path = request.path();   // canonical: the router serves no other spelling (Endpoints)
        String method = request.method();
        if (path.equals(VALIDATE_PATH)) {
            if (!"POST".equals(method)) {
                return notAllowed("POST");
            }
            return uploads.answer(request, upload -> EndpointResponse.of(200, JSON, CorimJson.render(json -> {
                json.writeStartObject();
                CorimJson.resultFields(json, upload.result());
                json.writeEndObject();
            })));
        }
        if (path.equals(PROFILES_PATH)) {
            if (!"POST".equals(method) && !"GET".equals(method) && !"HEAD".equals(method)) {
                return notAllowed("GET, HEAD, POST");
            }
            Optional<EndpointResponse> refused = authorize(request);
            if (refused.isPresent()) {
                return refused.get();
            }
            return "POST".equals(method) ? uploads.answer(request, this::store) : list(request);
        }
        if (path.startsWith(PROFILES_PATH + "/")) {
            String raw = path.substring(PROFILES_PATH.length() + 1);
            if (raw.contains("/")) {
                return EndpointResponse.error(404, "not found");
            }
            if (!"GET".equals(method) && !"HEAD".equals(method) && !"DELETE".equals(method)) {
                return notAllowed("GET, HEAD, DELETE");
            }
            Optional<EndpointResponse> refused = authorize(request);
            if (refused.isPresent()) {
                return refused.get();
            }
            String id = decode(raw);
            if (!StoredProfile.isValidId(id)) {
                return EndpointResponse.error(400, "invalid profile id");
            }
            return "DELETE".equals(method) ? delete(id) : read(request, id);
        }
        return EndpointResponse.error(404, "not found");
    }

    private EndpointResponse store(CorimUploads.Upload upload) {
        StoredProfile stored;
        try {
            stored = store.put(upload.body(), upload.result());
        } catch (IllegalArgumentException e) {
            // A valid CoRIM whose id cannot be a key (a '/', a control character, too long): its
            // result with that one problem, so that this 422 carries the whole result like the others.
            CorimValidationResult r = upload.result();
            CorimValidationResult refused = new CorimValidationResult(r.kind(), r.id(), r.extension(), r.rimValidity(),
                    r.signatureValidity(), r.tags(), r.tagsNotListed(), r.entities(), r.entitiesNotListed(), r.tripleCounts(),
                    List.of(CorimProblem.of("store.id-unusable", "/id", e.getMessage())));
            return uploads.failed(422, "invalid", "validation failed", refused.problems(), refused);
        }
        String location = PROFILES_PATH + "/" + URLEncoder.encode(stored.id(), StandardCharsets.UTF_8).replace("+", "%20");
        return EndpointResponse.of(201, JSON, CorimJson.render(json -> {
            json.writeStartObject();
            CorimJson.resultFields(json, upload.result());
            json.writeObjectFieldStart("stored");
            storedFields(json, stored);
            json.writeEndObject();
            json.writeEndObject();
        })).withHeader("Location", location);
    }

    private EndpointResponse list(EndpointRequest request) {
        List<String> limits = request.queryParameters("limit");
        List<String> afters = request.queryParameters("after");
        int limit = limits.isEmpty() ? DEFAULT_PAGE_SIZE : limits.size() == 1 ? pageSize(limits.get(0)) : -1;
        if (limit < 0) {
            return EndpointResponse.error(400, "limit must be given once, a number from 1 to " + MAX_PAGE_SIZE);
        }
        String after = afters.isEmpty() ? null : afters.get(0);
        if (afters.size() > 1 || (after != null && !StoredProfile.isValidId(after))) {
            return EndpointResponse.error(400, "invalid profile id");
        }
        ProfilePage page = store.page(after, limit);
        return EndpointResponse.of(200, JSON, CorimJson.render(json -> {
            json.writeStartObject();
            json.writeNumberField("count", page.profiles().size());
            json.writeArrayFieldStart("profiles");
            for (StoredProfile p : page.profiles()) {
                json.writeStartObject();
                storedFields(json, p);
                json.writeEndObject();
            }
            json.writeEndArray();
            CorimJson.nullableString(json, "next", page.next());
            json.writeEndObject();
        }));
    }

    /** A page size from 1 to {@link #MAX_PAGE_SIZE}, or -1. */
    private static int pageSize(String value) {
        if (value == null || value.isEmpty() || value.length() > 4 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int n = Integer.parseInt(value);
        return n >= 1 && n <= MAX_PAGE_SIZE ? n : -1;
    }

    private EndpointResponse read(EndpointRequest request, String id) {
        if (RequestRules.asksFor(request, "application/rim+cbor", "application/rim+cose")) {
            return readBytes(id);
        }
        Optional<StoredProfile> profile = store.get(id);
        if (profile.isEmpty()) {
            return EndpointResponse.error(404, "no such profile");
        }
        return EndpointResponse.of(200, JSON, CorimJson.render(json -> {
            json.writeStartObject();
            storedFields(json, profile.get());
            json.writeEndObject();
        }));
    }

    /**
     * The stored bytes, typed by the profile's kind. The store reads metadata and bytes apart: when
     * a replace came between them (the bytes' digest is not the metadata's), both are read again,
     * so a signed CoRIM is never served as unsigned or the other way round.
     */
    private EndpointResponse readBytes(String id) {
        for (int attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
            Optional<StoredProfile> meta = store.get(id);
            Optional<byte[]> bytes = store.content(id);
            if (meta.isEmpty() || bytes.isEmpty()) {
                return EndpointResponse.error(404, "no such profile");
            }
            if (Stored.sha256(bytes.get()).equals(meta.get().sha256())) {
                String type = meta.get().kind() == CorimValidationResult.Kind.SIGNED_CORIM
                        ? "application/rim+cose" : "application/rim+cbor";
                return EndpointResponse.of(200, type, bytes.get());
            }
        }
        return EndpointResponse.error(503, "the profile is being replaced; try again");
    }

    private EndpointResponse delete(String id) {
        return store.delete(id) ? EndpointResponse.of(204, JSON, new byte[0])
                : EndpointResponse.error(404, "no such profile");
    }

    private static void storedFields(JsonGenerator json, StoredProfile p) throws IOException {
        json.writeStringField("id", p.id());
        CorimJson.nullableString(json, "profile", p.extension());
        json.writeStringField("kind", p.kind().name().toLowerCase(Locale.ROOT));
        json.writeNumberField("sizeBytes", p.sizeBytes());
        json.writeStringField("sha256", p.sha256());
        CorimJson.instant(json, "storedAt", p.storedAt());
        CorimJson.instant(json, "expiresAt", p.expiresAt());
    }

    private Optional<EndpointResponse> authorize(EndpointRequest request) {
        Authorizer.Decision decision = authorizer.authorize(request);
        return decision == Authorizer.Decision.GRANTED ? Optional.empty() : Optional.of(EndpointResponse.refused(decision));
    }

    private static EndpointResponse notAllowed(String allow) {
        return EndpointResponse.error(405, "method not allowed").withHeader("Allow", allow);
    }

    /** Strict percent-decoding of one path segment ({@code +} stays {@code +}); null when malformed. */
    private static String decode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return null;
                }
                out.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c > 0x7f) {
                return null;
            } else {
                out.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Configures a {@link CorimEndpoints}. Not thread-safe. */
    public static final class Builder {
        private final CorimValidator validator;
        private final CorimProfileStore store;
        private Authorizer authorizer = Authorizer.loopbackOnly();
        private int maxBodyBytes = CorimLimits.defaults().maxInputBytes();
        private int maxConcurrentUploads = DEFAULT_MAX_CONCURRENT_UPLOADS;
        private @Nullable HealthMetrics metrics;

        private Builder(CorimValidator validator, CorimProfileStore store) {
            this.validator = Objects.requireNonNull(validator, "validator");
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * Sets who may upload, list, read and delete profiles (default {@link Authorizer#loopbackOnly()}).
         *
         * @param value the authorizer
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder authorizer(Authorizer value) {
            this.authorizer = Objects.requireNonNull(value, "authorizer");
            return this;
        }

        /**
         * Sets the largest accepted body (default 4 MiB, the validator's default
         * {@link CorimLimits#maxInputBytes()}); keep it at or below the validator's limit.
         *
         * @param bytes a positive number of bytes, less than {@link Integer#MAX_VALUE}
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is not positive or is {@link Integer#MAX_VALUE}
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes <= 0 || bytes == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxBodyBytes must be > 0 and < Integer.MAX_VALUE");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Sets how many uploads ({@code validate} and profile uploads together) may be read and
         * validated at once; one more is answered 503 with {@code Retry-After} at once, without
         * reading its body, and counted as a failure of reason {@code busy}. Each upload holds its
         * body (up to {@link #maxBodyBytes}) and its decoded items (up to ~40 MB for 500,000
         * items), whatever the server's threads. Default {@link #DEFAULT_MAX_CONCURRENT_UPLOADS}.
         *
         * @param uploads a positive number
         * @return this builder
         * @throws IllegalArgumentException if {@code uploads} is not positive
         */
        public Builder maxConcurrentUploads(int uploads) {
            if (uploads <= 0) {
                throw new IllegalArgumentException("maxConcurrentUploads must be > 0");
            }
            this.maxConcurrentUploads = uploads;
            return this;
        }

        /**
         * Publishes {@code corim.validation.duration} (timer), {@code corim.validation.failures}
         * (counter tagged {@code reason}) and {@code corim.profiles.total} (gauge of the store's
         * count), named under the binding's prefix like every Health Monitor meter (the runbooks
         * query them without one: {@code metrics.withPrefix("")}).
         *
         * @param value the binding to a registry and the common name prefix
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder metrics(HealthMetrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /**
         * Builds the endpoints, registering their meters.
         *
         * @return immutable, thread-safe endpoints
         */
        public CorimEndpoints build() {
            return new CorimEndpoints(this);
        }
    }
}
