package io.healthmonitor.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The media ranges of a request's {@code Accept} headers (every header, every comma-separated
 * range), and the quality each gives a media type: the most specific matching range's
 * {@code q} ({@code application/json} before {@code application/*} before {@code *}{@code /*}),
 * 0 when none matches, 1 when the request has no {@code Accept} at all. Immutable.
 */
final class AcceptHeader {

    /** More ranges than a real client sends are not read: a hostile header costs no more than this. */
    private static final int MAX_RANGES = 64;
    /** RFC 9110's qvalue: compiled once, since every request with a {@code q} in its {@code Accept} reads one. */
    private static final Pattern Q_VALUE = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");

    private record Range(String type, String subtype, double quality) {
    }

    private final List<Range> ranges;
    /** No {@code Accept} header, or only blank ones: everything is acceptable. */
    private final boolean absent;

    private AcceptHeader(List<Range> ranges, boolean absent) {
        this.ranges = ranges;
        this.absent = absent;
    }

    static AcceptHeader of(List<String> headers) {
        List<Range> ranges = new ArrayList<>();
        boolean absent = true;
        for (String header : headers) {
            absent &= header.isBlank();
            for (String part : header.split(",")) {
                if (ranges.size() == MAX_RANGES) {
                    return new AcceptHeader(ranges, false);
                }
                Range range = range(part);
                if (range != null) {
                    ranges.add(range);
                }
            }
        }
        return new AcceptHeader(ranges, absent);
    }

    /**
     * The quality the request gives {@code mediaType} ({@code type/subtype}, lower case). A header
     * without a single media range ({@code ;;;}) accepts nothing.
     */
    double quality(String mediaType) {
        if (absent) {
            return 1;
        }
        int slash = mediaType.indexOf('/');
        String type = mediaType.substring(0, slash);
        String subtype = mediaType.substring(slash + 1);
        int best = -1;   // specificity of the range found: 2 exact, 1 type/*, 0 */*
        double quality = 0;
        for (Range range : ranges) {
            int specificity = range.type.equals(type) && range.subtype.equals(subtype) ? 2
                    : range.type.equals(type) && range.subtype.equals("*") ? 1
                    : range.type.equals("*") && range.subtype.equals("*") ? 0 : -1;
            if (specificity > best || (specificity == best && specificity >= 0 && range.quality > quality)) {
                best = specificity;
                quality = range.quality;
            }
        }
        return best < 0 ? 0 : quality;
    }

    /** Whether a range names {@code mediaType} itself, not through a wildcard, with a quality above 0. */
    boolean names(String mediaType) {
        for (Range range : ranges) {
            if ((range.type + "/" + range.subtype).equals(mediaType) && range.quality > 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code type/subtype;param=value;q=0.5}, or null when it is not a media range. */
    private static @Nullable Range range(String text) {
        String[] parts = text.split(";");
        if (parts.length == 0) {
            return null;
        }
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        int slash = media.indexOf('/');
        if (slash <= 0 || slash == media.length() - 1 || media.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        double quality = 1;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q') && parameter.charAt(1) == '=') {
                quality = qValue(parameter.substring(2).trim());
            }
        }
        return new Range(media.substring(0, slash), media.substring(slash + 1), quality);
    }

    /** A {@code q} value: 0 to 1 with at most three decimals; anything else counts as 0 (refused). */
    private static double qValue(String value) {
        if (!Q_VALUE.matcher(value).matches()) {
            return 0;
        }
        return Double.parseDouble(value);
    }
}
