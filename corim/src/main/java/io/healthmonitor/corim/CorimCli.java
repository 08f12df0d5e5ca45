package io.healthmonitor.corim;

import io.healthmonitor.corim.internal.CorimJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line validator, packaged as {@code corim/target/healthmonitor-corim-cli.jar}:
 *
 * <pre>
 * java -jar healthmonitor-corim-cli.jar validate [--key FILE]... [--trust-anchor FILE]...
 *     [--at ISO-8601-INSTANT] [--profile URI-or-OID]... [--payload FILE] [--json] FILE...
 * </pre>
 *
 * <p>{@code --key} takes a PEM ({@code PUBLIC KEY} or {@code CERTIFICATE}) or a JWK file;
 * {@code --trust-anchor} an X.509 certificate (PEM or DER) for x5chain; {@code --at} the
 * evaluation time (default now); {@code --profile} registers an extension (the draft's profile)
 * with no keys, tags or rules of its own, so that CoRIMs naming it are not rejected as unknown;
 * {@code --payload} supplies the detached payload of a signed CoRIM whose payload is nil (given
 * with any other CoRIM, it is reported as {@code cose.payload-not-detached}). Key and trust anchor
 * files are read up to 1 MiB, payload and CoRIM files up to the default
 * {@link CorimLimits#maxInputBytes()}; a larger or unreadable key, anchor or payload file is a
 * usage error naming the option and the file. Exit status: 0 when every file is valid, 1 when
 * any is invalid or unreadable CBOR (problems are printed one per line, or as one JSON document
 * with {@code --json}), 2 for usage or I/O errors. It never prints a stack trace.
 */
public final class CorimCli {

    /** The largest key or trust anchor file read (1 MiB): real ones are a few kilobytes. */
    private static final int MAX_KEY_BYTES = 1024 * 1024;

    /** The largest CoRIM or payload file read: the validator's default input limit. */
    private static final int MAX_INPUT_BYTES = CorimLimits.defaults().maxInputBytes();

    private static final String USAGE = "usage: validate [--key FILE]... [--trust-anchor FILE]... [--at ISO-8601-INSTANT]"
            + " [--profile URI-or-OID]... [--payload FILE] [--json] FILE...";

    private CorimCli() {
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments, starting with the command {@code validate}
     * @param out where results go
     * @param err where usage and I/O errors go
     * @return the exit status: 0 all valid, 1 any invalid, 2 usage or I/O error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return validate(args, out, err);
        } catch (RuntimeException e) {
            // Never a stack trace: one line saying what went wrong.
            err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 2;
        }
    }

    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static int validate(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            out.println(USAGE);
            return 0;
        }
        CorimValidator.Builder builder = CorimValidator.builder();
        List<CorimExtension> extensions = new ArrayList<>();
        List<String> files = new ArrayList<>();
        byte[] payload = null;
        boolean json = false;
        try {
            if (args.length == 0 || !args[0].equals("validate")) {
                throw new UsageException(args.length == 0 ? "no command" : "unknown command '" + args[0] + "'");
            }
            boolean options = true;
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                if (options && arg.startsWith("--") && arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                    arg = arg.substring(0, arg.indexOf('='));
                }
                if (!options || !arg.startsWith("-") || arg.equals("-")) {
                    files.add(args[i]);
                    continue;
                }
                switch (arg) {
                    case "--" -> options = false;
                    case "--json" -> json = true;
                    case "--key" -> key(builder, arg, value != null ? value : next(args, ++i, arg));
                    case "--trust-anchor" -> builder.trustAnchor(certificate(arg, value != null ? value : next(args, ++i, arg)));
                    case "--at" -> builder.clock(InstantSource.fixed(instant(value != null ? value : next(args, ++i, arg))));
                    case "--profile" -> extensions.add(extension(value != null ? value : next(args, ++i, arg)));
                    case "--payload" -> payload = read(arg, value != null ? value : next(args, ++i, arg), MAX_INPUT_BYTES);
                    default -> throw new UsageException("unknown option " + arg);
                }
            }
            if (files.isEmpty()) {
                throw new UsageException("no file to validate");
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        CorimValidator validator = builder.extensions(CorimExtensions.of(extensions.toArray(CorimExtension[]::new))).build();
        boolean anyInvalid = false;
        boolean ioError = false;
        List<CorimJson.Body> documents = new ArrayList<>();
        for (String file : files) {
            byte[] bytes;
            try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
                bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
            } catch (IOException | RuntimeException e) {
                err.println(file + ": cannot read: " + describe(e));
                ioError = true;
                continue;
            }
            CorimValidationResult result = null;
            CorimFormatException unreadable = null;
            try {
                result = payload == null ? validator.validate(bytes) : validator.validate(bytes, payload);
            } catch (CorimFormatException e) {
                unreadable = e;
            }
            anyInvalid |= result == null || !result.valid();
            if (json) {
                documents.add(document(file, result, unreadable));
            } else {
                print(out, file, result, unreadable);
            }
        }
        if (json) {
            out.println(new String(CorimJson.render(g -> {
                g.writeStartObject();
                g.writeArrayFieldStart("files");
                for (CorimJson.Body body : documents) {
                    body.write(g);
                }
                g.writeEndArray();
                g.writeEndObject();
            }), StandardCharsets.UTF_8));
        }
        return ioError ? 2 : anyInvalid ? 1 : 0;
    }

    /**
     * Prints one file's outcome as text. Everything that comes from the file (its id, profile,
     * problem paths and messages) or from a directory listing (its name) goes through
     * {@link #terminalSafe}: a CoRIM whose id held escape sequences could otherwise rewrite the
     * terminal that shows the result.
     */
    private static void print(PrintStream out, String file, CorimValidationResult result, CorimFormatException unreadable) {
        String name = terminalSafe(file);
        if (unreadable != null) {
            out.println(name + ": unreadable");
            out.println("  " + unreadable.code() + " at offset " + unreadable.offset() + ": " + terminalSafe(unreadable.getMessage()));
            return;
        }
        if (result.valid()) {
            out.println(name + ": valid (" + result.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + (result.id() == null ? "" : ", id " + terminalSafe(result.id()))
                    + (result.extension() == null ? "" : ", profile " + terminalSafe(result.extension()))
                    + (result.expiresAt() == null ? "" : ", expires " + result.expiresAt()) + ")");
            return;
        }
        out.println(name + ": invalid (" + result.problems().size() + " problem" + (result.problems().size() == 1 ? "" : "s") + ")");
        for (CorimProblem p : result.problems()) {
            out.println("  " + terminalSafe(p.toString()));
        }
    }

    /** Text with control, line-separator and bidirectional-formatting characters written as backslash-u escapes. */
    static String terminalSafe(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = CborItem.needsEscape(c);
            if (unsafe && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb != null) {
                if (unsafe) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static CorimJson.Body document(String file, CorimValidationResult result, CorimFormatException unreadable) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("file", file);
            if (unreadable != null) {
                g.writeBooleanField("valid", false);
                g.writeStringField("error", "unreadable");
                g.writeArrayFieldStart("problems");
                g.writeStartObject();
                g.writeStringField("code", unreadable.code());
                g.writeStringField("path", "");
                g.writeStringField("message", unreadable.getMessage());
                g.writeNumberField("offset", unreadable.offset());
                g.writeEndObject();
                g.writeEndArray();
            } else {
                CorimJson.resultFields(g, result);
            }
            g.writeEndObject();
        };
    }

    private static String next(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** The file an option names, at most {@code limit} bytes of it: a longer one (/dev/zero) is a usage error. */
    private static byte[] read(String option, String file, int limit) throws UsageException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            bytes = in.readNBytes(limit + 1);
        } catch (IOException | RuntimeException e) {
            throw new UsageException(option + " " + file + ": cannot read: " + describe(e));
        }
        if (bytes.length > limit) {
            throw new UsageException(option + " " + file + ": larger than the limit of " + limit + " bytes");
        }
        return bytes;
    }

    private static void key(CorimValidator.Builder builder, String option, String file) throws UsageException {
        String text = new String(read(option, file, MAX_KEY_BYTES), StandardCharsets.UTF_8);
        try {
            if (text.stripLeading().startsWith("{")) {
                builder.verificationKeyJwk(text);
            } else {
                builder.verificationKeyPem(text);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + file + ": cannot use: " + e.getMessage());
        }
    }

    private static X509Certificate certificate(String option, String file) throws UsageException {
        byte[] bytes = read(option, file, MAX_KEY_BYTES);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(bytes));
        } catch (CertificateException | ClassCastException e) {
            throw new UsageException(option + " " + file + ": cannot use: " + describe(e));
        }
    }

    private static Instant instant(String text) throws UsageException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException("--at needs an ISO-8601 instant such as 2025-01-01T00:00:00Z, was '" + text + "'");
        }
    }

    private static CorimExtension extension(String id) throws UsageException {
        try {
            return CorimExtension.builder(id).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid --profile '" + id + "': " + e.getMessage());
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
