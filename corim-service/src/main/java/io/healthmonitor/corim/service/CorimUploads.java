package io.healthmonitor.corim.service;

import io.healthmonitor.corim.CorimFormatException;
import io.healthmonitor.corim.CorimProblem;
import io.healthmonitor.corim.CorimValidationResult;
import io.healthmonitor.corim.CorimValidator;
import io.healthmonitor.corim.internal.CorimJson;
import io.healthmonitor.http.EndpointRequest;
import io.healthmonitor.http.EndpointResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploads of {@link CorimEndpoints} (validate and store): the body is read only when its media
 * type is a CoRIM's and its size within the limit, then validated and timed. Immutable and
 * thread-safe.
 */
final class CorimUploads {

    private static final Logger LOG = LoggerFactory.getLogger(CorimEndpoints.class);
    private static final String JSON = "application/json";

    private final CorimValidator validator;
    private final int maxBodyBytes;
    private final CorimMeters meters;

    CorimUploads(CorimValidator validator, int maxBodyBytes, CorimMeters meters) {
        this.validator = validator;
        this.maxBodyBytes = maxBodyBytes;
        this.meters = meters;
    }

    /** A read and validated upload, or the failure to answer. */
    record Upload(byte @Nullable [] body, @Nullable CorimValidationResult result, @Nullable EndpointResponse failure) {
    }

    /**
     * Reads and validates the body of an upload: media type, declared and actual size, then the
     * validator; every rejection, a body that cannot be read included, is counted, logged without
     * content and answered as JSON.
     */
    Upload read(EndpointRequest request) {
        String contentType = request.header("Content-Type");
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!CorimEndpoints.MEDIA_TYPES.contains(media)) {
            return rejected(failed(415, "unsupported_media_type", "unsupported media type '" + printable(media)
                    + "'; send application/rim+cbor or application/rim+cose",
                    List.of(CorimProblem.of("media-type.unsupported", "", "Content-Type must be one of " + CorimEndpoints.MEDIA_TYPES)),
                    null));
        }
        String length = request.header("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared < 0) {
                return rejected(failed(400, "unreadable", "invalid Content-Length",
                        List.of(CorimProblem.of("http.content-length", "", "Content-Length is not a number")), null));
            }
            if (declared > maxBodyBytes) {
                return rejected(tooLarge(declared + " bytes declared"));
            }
        }
        byte[] body;
        try {
            body = readAtMost(request.body(), maxBodyBytes + 1);
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
        return new Upload(body, result, null);
    }

    private static Upload rejected(EndpointResponse failure) {
        return new Upload(null, null, failure);
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

    /** Reads until the end of the stream or {@code limit} bytes, whichever comes first, counting as it goes. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        int total = 0;
        while (total < limit) {
            int n = in.read(buffer, 0, Math.min(buffer.length, limit - total));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            total += n;
        }
        return out.toByteArray();
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
