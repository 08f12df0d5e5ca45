package io.healthmonitor.corim;

/**
 * An immutable location in the document, built as a parent chain so that walking valid input
 * costs one small object per step and a string only when a problem is reported.
 */
final class Path {

    static final Path ROOT = new Path(null, null);

    private final Path parent;
    private final String segment;
    private final int index;
    /** A map key whose label is the segment, rendered only when a problem is reported. */
    private final CborItem key;

    private Path(Path parent, String segment) {
        this(parent, segment, -1, null);
    }

    private Path(Path parent, String segment, int index, CborItem key) {
        this.parent = parent;
        this.segment = segment;
        this.index = index;
        this.key = key;
    }

    Path add(String name) {
        return new Path(this, name);
    }

    /** Array index; rendered only when a problem is reported. */
    Path add(int index) {
        return new Path(this, null, index, null);
    }

    /** A map key, labelled as {@link CborItem#keyLabel()} only when a problem is reported. */
    Path add(CborItem key) {
        return new Path(this, null, -1, key);
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        append(sb);
        return sb.toString();
    }

    private void append(StringBuilder sb) {
        if (parent != null) {
            parent.append(sb);
            sb.append('/');
            String name = key != null ? key.keyLabel() : segment;
            if (name == null) {
                sb.append(index);
            } else {
                sb.append(name.replace("~", "~0").replace("/", "~1"));
            }
        }
    }
}
