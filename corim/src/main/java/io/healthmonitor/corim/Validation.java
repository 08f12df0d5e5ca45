package io.healthmonitor.corim;

import io.healthmonitor.corim.CorimExtension.ExtensionPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The state of validating one document: where problems go, the decoder for embedded CBOR, the
 * evaluation time, the extension the document names, what is being summarised, and the domain
 * graphs. The rule classes are stateless and receive it. One instance per document; not
 * thread-safe.
 */
final class Validation {

    /** An embedded CoMID as decoded, for the extension rules that read it: the #6.506 byte string, its content, where. */
    record DecodedComid(CborItem tag, CborItem comid, Path path) {
    }

    private final Report report;
    private final CborDecoder decoder;
    private final CorimExtensions extensions;
    private final Instant now;
    private final Summary summary;
    private @Nullable CorimExtension extension;
    private @Nullable DomainGraphs graphs;
    private @Nullable List<DecodedComid> comids;

    Validation(Report report, CborDecoder decoder, CorimExtensions extensions, Instant now, int maxListed) {
        this.report = report;
        this.summary = new Summary(maxListed);
        this.decoder = decoder;
        this.extensions = extensions;
        this.now = now;
    }

    /** The evaluation time of every validity check. */
    Instant now() {
        return now;
    }

    /** What the result will say about the document. */
    Summary summary() {
        return summary;
    }

    // ---------------------------------------------------------------- reporting

    /**
     * Reports a violation of {@code rule}; its detail is built only when the problem will be
     * listed, as hostile input can repeat one problem hundreds of thousands of times.
     */
    void report(Code code, Path path, Rule rule, Supplier<String> detail) {
        report.add(code, path, rule, detail);
    }

    /** Reports a problem an extension's rule found, as the rule gave it. */
    void reportExtensionProblem(String code, String path, String message) {
        report.add(code, path, message);
    }

    void mismatch(CborItem found, Path path, Rule rule, String expected) {
        if (report.full()) {
            // One per element of a long array of wrong items: its message would be built for nothing.
            report.drop(Code.TYPE_MISMATCH, rule);
            return;
        }
        report.add(Code.TYPE_MISMATCH, path, rule, () -> "expected " + expected + ", found " + found.describe());
    }

    void missing(Path map, Member member, Rule rule) {
        if (report.full()) {
            report.drop(Code.MEMBER_MISSING, rule);
            return;
        }
        report.add(Code.MEMBER_MISSING, map.add(member.name()), rule,
                () -> "mandatory member " + member.name() + " (key " + member.key() + ") is missing");
    }

    /** Reports the first key that occurs twice in a map (RFC 8949 §5.6). */
    void duplicates(CborItem map, Path path, Rule rule) {
        CborItem duplicate = map.duplicateKey();
        if (duplicate != null) {
            report.add(Code.DUPLICATE_KEY, path.add(duplicate), rule,
                    () -> "map key " + duplicate.keyLabel() + " occurs more than once (RFC 8949 §5.6)");
        }
    }

    /** Checks an untagged map and its keys' uniqueness; false when it is not a map. */
    boolean map(CborItem m, Path path, Rule rule) {
        if (!m.is(CborItem.Type.MAP)) {
            mismatch(m, path, rule, "map");
            return false;
        }
        duplicates(m, path, rule);
        return true;
    }

    /** Checks an untagged array, non-empty if asked ({@code [ + T ]}); false when it cannot be walked. */
    boolean array(CborItem a, Path path, Rule rule, boolean nonEmpty) {
        if (!a.is(CborItem.Type.ARRAY)) {
            mismatch(a, path, rule, nonEmpty ? "non-empty array" : "array");
            return false;
        }
        if (nonEmpty && a.items.length == 0) {
            report.add(Code.ARRAY_EMPTY, path, rule, () -> "array must have at least one element ([ + ... ])");
            return false;
        }
        return true;
    }

    /**
     * Decodes embedded CBOR ({@code bytes .cbor T}). Malformed content is a problem of the
     * document; a limit exceeded stops the whole validation.
     *
     * @param depth the nesting depth the enclosing items already use
     * @return the item, or null when it is not readable
     */
    @Nullable CborItem embedded(CborItem bytes, Path path, Rule rule, int depth) {
        try {
            return decoder.decode(bytes.data(), bytes.offset(), bytes.byteLength(), depth);
        } catch (CorimFormatException e) {
            if (e.code().startsWith("limit.")) {
                throw e;
            }
            report.add(Code.ofFormat(e.code()), path, rule, () -> "embedded CBOR is not readable: " + e.getMessage());
            return null;
        }
    }

    /** {@link #embedded(CborItem, Path, Rule, int)} for content held apart, such as a detached payload. */
    @Nullable CborItem embedded(byte[] bytes, Path path, Rule rule, int depth) {
        try {
            return decoder.decode(bytes, depth);
        } catch (CorimFormatException e) {
            if (e.code().startsWith("limit.")) {
                throw e;
            }
            report.add(Code.ofFormat(e.code()), path, rule, () -> "embedded CBOR is not readable: " + e.getMessage());
            return null;
        }
    }

    // ---------------------------------------------------------------- the named extension

    /**
     * Selects the extension a document names; records the identifier even when no registered
     * extension has it.
     *
     * @return true when it is registered
     */
    boolean selectExtension(String id) {
        summary.extension(id);
        extension = extensions.get(id).orElse(null);
        return extension != null;
    }

    @Nullable CorimExtension extension() {
        return extension;
    }

    /** True when the selected extension allows the item's outermost tag in a type choice. */
    boolean extensionTagged(CborItem item) {
        return extension != null && item.tags.length >= 1 && extension.allowsTag(item.tags[0]);
    }

    boolean extensionAllowsKey(@Nullable ExtensionPoint socket, CborItem key) {
        return socket != null && extension != null && extension.allowsKey(socket, key);
    }

    /** Why a key at an extension socket is not accepted, for the message. */
    String whyKeyUnknown() {
        return extension == null
                ? "; extensions at this socket are accepted only when defined by a recognised profile"
                : "; profile '" + extension.id() + "' does not define it";
    }

    /** Keeps a decoded CoMID when the selected extension has rules that read CoMIDs. */
    void comidDecoded(CborItem tag, CborItem comid, Path path) {
        if (extension != null && !extension.rules().isEmpty()) {
            if (comids == null) {
                comids = new ArrayList<>(2);
            }
            comids.add(new DecodedComid(tag, comid, path));
        }
    }

    List<DecodedComid> decodedComids() {
        return comids == null ? List.of() : comids;
    }

    // ---------------------------------------------------------------- domains

    /** The membership and dependency graphs of the whole document. */
    DomainGraphs graphs() {
        if (graphs == null) {
            graphs = new DomainGraphs();
        }
        return graphs;
    }

    /** Reports a cycle in either graph (§5.1.11), once the whole document has been read. */
    void finishGraphs() {
        if (graphs != null) {
            graphs.reportCycles(this);
        }
    }
}
