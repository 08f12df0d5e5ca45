package io.healthmonitor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The text of the two values every report writes many times, without the JDK's general-purpose
 * formatting: instants as {@link Instant#toString()} writes them and milliseconds as
 * {@link Double#toString(double)} writes them, character for character. For {@link HealthJson}.
 */
final class JsonText {

    /** {@link Instant#toString()}'s form is written without its formatter for these years. */
    private static final long FAST_INSTANT_MIN = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long FAST_INSTANT_MAX = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    /** Milliseconds from this on are written as {@link Double#toString(double)} does: in E notation. */
    private static final long PLAIN_MILLIS_LIMIT_MICROS = 10_000_000_000L;

    private JsonText() {
    }

    /**
     * Milliseconds rounded to the microsecond as {@link Double#toString(double)} writes them
     * ({@code 12.5}, {@code 0.0}), below 10^7 ms without formatting a double.
     */
    static String millis(Duration duration) {
        double rounded = roundMicros(duration.toNanos() / 1_000_000.0);
        long micros = Math.round(rounded * 1000.0);
        if (micros < 0 || micros >= PLAIN_MILLIS_LIMIT_MICROS) {
            return Double.toString(rounded);
        }
        StringBuilder text = new StringBuilder(16).append(micros / 1000).append('.');
        int fraction = (int) (micros % 1000);
        if (fraction == 0) {
            return text.append('0').toString();
        }
        text.append((char) ('0' + fraction / 100));
        fraction %= 100;
        if (fraction != 0) {
            text.append((char) ('0' + fraction / 10));
            if (fraction % 10 != 0) {
                text.append((char) ('0' + fraction % 10));
            }
        }
        return text.toString();
    }

    /** Milliseconds rounded to the microsecond, the precision of every time in the JSON. */
    static double roundMicros(double millis) {
        return Math.round(millis * 1000.0) / 1000.0;
    }

    /** {@link Instant#toString()}'s ISO-8601 form; from year 0 to 9999 without its formatter. */
    static String instant(Instant at) {
        long seconds = at.getEpochSecond();
        if (seconds < FAST_INSTANT_MIN || seconds > FAST_INSTANT_MAX) {
            return at.toString();
        }
        char[] text = new char[30];
        return new String(text, 0, isoInstant(seconds, at.getNano(), text));
    }

    /**
     * Writes {@code yyyy-MM-ddTHH:mm:ss[.SSS[SSS[SSS]]]Z} into {@code text}, the fraction in groups
     * of three digits as {@link Instant#toString()} does, and returns its length.
     */
    private static int isoInstant(long epochSecond, int nano, char[] text) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400L));
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        int at = digits(text, 0, date.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, date.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, date.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, secondOfDay / 3600, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay / 60 % 60, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay % 60, 2);
        if (nano != 0) {
            text[at++] = '.';
            if (nano % 1_000_000 == 0) {
                at = digits(text, at, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                at = digits(text, at, nano / 1000, 6);
            } else {
                at = digits(text, at, nano, 9);
            }
        }
        text[at++] = 'Z';
        return at;
    }

    /** Writes {@code value} as exactly {@code count} decimal digits, zero-padded. */
    private static int digits(char[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + count;
    }
}
