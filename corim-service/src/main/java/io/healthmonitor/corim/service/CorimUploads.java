package io.healthmonitor.corim.service;

import io.healthmonitor.corim.CorimFormatException;
import io.healthmonitor.corim.CorimProblem;
import io.healthmonitor.corim.CorimValidationResult;
import io.healthmonitor.corim.CorimValidator;
import io.healthmonitor.corim.internal.CorimJson;
import io.healthmonitor.http.EndpointRequest;
import io.healthmonitor.http.EndpointResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploads of {@link CorimEndpoints} (validate and store): the body is read only when its media
 * type is a CoRIM's, its size within the limit and one of the {@code maxConcurrent} permits free,
 * then validated and timed. Each upload holds its body and its decoded items (up to
 * {@code maxBodyBytes} and ~40 MB at worst), so the permits, not the server's threads, bound that
 * memory. Thread-safe; the permits are its only state.
 */
final class CorimUploads {

    private static final Logger LOG = LoggerFactory.getLogger(CorimEndpoints.class);
    private static final String JSON = "application/json";
    /** The first array a body of unknown or large length is read into; it doubles as bytes arrive. */
    private static final int FIRST_BUFFER_BYTES = 64 * 1024;
    /** The seconds a refused upload is asked to wait ({@code Retry-After}): a validation takes well under a second. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final CorimValidator validator;
    private final int maxBodyBytes;
    private final CorimMeters meters;
    private final int maxConcurrent;
    private final Semaphore permits;

    CorimUploads(CorimValidator validator, int maxBodyBytes, int maxConcurrent, CorimMeters meters) {
        this.validator = validator;
        this.maxBodyBytes = maxBodyBytes;
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent);
        this.meters = meters;
    }

    /** A valid upload: its bytes and its result. */
    record Upload(byte[] body, CorimValidationResult result) {
    }

    /** A read and validated upload, or the failure to answer. */
    private record Outcome(@Nullable Upload upload, @Nullable EndpointResponse failure) {
    }

    /**
     * Answers an upload: checks its headers, takes a permit (or answers 503 with
     * {@code Retry-After} at once, without reading the body), reads and validates the body and
     * answers a valid one with {@code valid}, all while holding the permit. Every rejection, a body
     * that cannot be read and a refusal for lack of a permit included, is counted, logged without
     * content and answered as JSON.
     *
     * @param valid answers a valid upload, such as by storing it; may throw {@link CorimStoreException}
     */
    EndpointResponse answer(EndpointRequest request, Function<Upload, EndpointResponse> valid) {
        EndpointResponse refused = checkHeaders(request);
        if (refused != null) {
            return refused;
        }
        if (!permits.tryAcquire()) {
            return failed(503, "busy", "too many uploads at once; try again",
                    List.of(CorimProblem.of("limit.concurrent-uploads", "", maxConcurrent
                            + " uploads are being read or validated (CorimEndpoints.Builder.maxConcurrentUploads); retry after "
                            + RETRY_AFTER_SECONDS + " s")), null)
                    .withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        try {
            Outcome outcome = readAndValidate(request);
            return outcome.failure() != null ? outcome.failure() : valid.apply(Objects.requireNonNull(outcome.upload()));
        } finally {
            permits.release();
        }
    }

    /** The media type and declared size: the failure to answer, or null when the body may be read. */
    private @Nullable EndpointResponse checkHeaders(EndpointRequest request) {
        String contentType = request.header("Content-Type");
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!CorimEndpoints.MEDIA_TYPES.contains(media)) {
            return failed(415, "unsupported_media_type", "unsupported media type '" + printable(media)
                    + "'; send application/rim+cbor or application/rim+cose",
                    List.of(CorimProblem.of("media-type.unsupported", "", "Content-Type must be one of " + CorimEndpoints.MEDIA_TYPES)),
                    null);
        }
        long declared = declaredLength(request);
        if (declared < -1) {
            return failed(400, "unreadable", "invalid Content-Length",
                    List.of(CorimProblem.of("http.content-length", "", "Content-Length is not a number")), null);
        }
        if (declared > maxBodyBytes) {
            return tooLarge(declared + " bytes declared");
        }
        return null;
    }

    /** The {@code Content-Length}: -1 when absent, -2 when not a number of bytes. */
    private static long declaredLength(EndpointRequest request) {
        String length = request.header("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            long declared = Long.parseLong(length.trim());
            return declared < 0 ? -2 : declared;
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    /** Reads the body within the limit and validates it; the headers have been checked. */
    private Outcome readAndValidate(EndpointRequest request) {
        byte[] body;
        try {
            body = readAtMost(request.body(), declaredLength(request), maxBodyBytes + 1);
        } catch (IOException e) {
            // The body ended before its Content-Length, had a malformed chunk, never ended, or timed out.
            return rejected(failed(400, "unreadable", "the request body could not be read",
                    List.of(CorimProblem.of("http.body-unreadable", "", "the body ended early, was malformed or timed out ("
                            + e.getClass().getSimpleName() + ")")), null));
        }
        if (body.length > maxBodyBytes) {
            return rejected(tooLarge("more than " + maxBodyBytes + " bytes sent"));
        }
        long start = System.nanoTime();
        CorimValidationResult result;
        try {
            result = validator.validate(body);
        } catch (CorimFormatException e) {
            meters.recordDuration(System.nanoTime() - start);
            List<CorimProblem> problems = List.of(CorimProblem.of(e.code(), "", e.getMessage()));
            if (e.code().equals("limit.size")) {
                return rejected(failed(413, "too_large", "CoRIM larger than the limit", problems, null));
            }
            return rejected(failed(400, "unreadable", "unreadable CoRIM", problems, null));
        }
        meters.recordDuration(System.nanoTime() - start);
        if (!result.valid()) {
            return rejected(failed(422, "invalid", "validation failed", result.problems(), result));
        }
        return new Outcome(new Upload(body, result), null);
    }

    private static Outcome rejected(EndpointResponse failure) {
        return new Outcome(null, failure);
    }

    private EndpointResponse tooLarge(String what) {
        return failed(413, "too_large", "CoRIM larger than " + maxBodyBytes + " bytes",
                List.of(CorimProblem.of("limit.size", "", what + "; the limit is " + maxBodyBytes + " bytes")), null);
    }

    /** A rejection: counted by reason, logged by problem code, answered with the problems. */
    EndpointResponse failed(int status, String reason, String error, List<CorimProblem> problems,
            @Nullable CorimValidationResult result) {
        meters.failure(reason);
        LOG.warn("CoRIM validation failed: status={} reason={} codes={}", status, reason,
                problems.stream().map(CorimProblem::code).distinct().collect(Collectors.joining(",", "[", "]")));
        return EndpointResponse.of(status, JSON, CorimJson.render(json -> {
            json.writeStartObject();
            json.writeStringField("error", error);
            if (result != null) {
                CorimJson.resultFields(json, result);
            } else {
                json.writeBooleanField("valid", false);
                CorimJson.problems(json, problems);
            }
            json.writeEndObject();
        }));
    }

    /**
     * Reads until the end of the stream or {@code limit} bytes, whichever comes first. The array
     * grows as bytes arrive, doubling (a declared length is not allocated before its bytes come),
     * and never past the declared length while the body keeps to it; a full array is grown only
     * when one more byte comes. So a body of its declared length, or one that ends as an array
     * fills, is returned as read, without a final copy; any other is copied once to its size.
     *
     * @param declared the {@code Content-Length}, or -1
     */
    static byte[] readAtMost(InputStream in, long declared, int limit) throws IOException {
        int expected = declared >= 0 && declared < limit ? (int) declared : limit;
        byte[] buffer = new byte[Math.min(expected, FIRST_BUFFER_BYTES)];
        int total = 0;
        while (true) {
            if (total == buffer.length) {
                if (total == limit) {
                    return buffer;   // the caller refuses it
                }
                int next = in.read();
                if (next < 0) {
                    return buffer;
                }
                int cap = total < expected ? expected : limit;   // past its declared length: on to the limit
                buffer = Arrays.copyOf(buffer, (int) Math.min(cap, Math.max(FIRST_BUFFER_BYTES, 2L * total)));
                buffer[total++] = (byte) next;
                continue;
            }
            int n = in.read(buffer, total, buffer.length - total);
            if (n < 0) {
                return total == buffer.length ? buffer : Arrays.copyOf(buffer, total);
            }
            total += n;
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
