package io.healthmonitor.corim;

import io.healthmonitor.corim.CorimExtension.ExtensionPoint;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A CDDL map declared as data, its members' keys, names, types and requiredness, with the one
 * routine that checks a map against it: the item is an untagged map, no key occurs twice, every
 * member present has its type, every required member is present, and every other key is what
 * the map admits beyond its members ({@link Others}). Immutable.
 */
final class MapShape {

    /** What a map admits besides its declared members. */
    enum Others {
        /** Nothing: a closed map. */
        NONE,
        /** Keys that the selected extension defines at the map's socket ({@code * $$socket}). */
        EXTENSION_KEYS,
        /** Any int or text label with any value ({@code * cose-label => cose-value}, RFC 9052 §3). */
        COSE_LABELS,
        /** Any integer key with any value ({@code * int => any}, the CWT claims). */
        INT_KEYS,
        /** RFC 9393's {@code * any-attribute}: any label whose value is text, int, or an array of two or more of either. */
        COSWID_ATTRIBUTES
    }

    /** Keys 0..63 are looked up in a table; the rest by a scan of the few members that have them. */
    private static final int DIRECT_KEYS = 64;

    private final Rule rule;
    private final String name;
    private final Member[] members;
    private final byte[] direct = new byte[DIRECT_KEYS];
    private final long required;
    private final Others others;
    private final @Nullable ExtensionPoint socket;
    private final boolean nonEmpty;
    private final boolean byKey;

    private MapShape(Rule rule, String name, Others others, @Nullable ExtensionPoint socket, boolean nonEmpty,
            boolean byKey, Member[] members) {
        if (members.length > Long.SIZE) {
            throw new IllegalArgumentException("at most 64 members");
        }
        this.rule = rule;
        this.name = name;
        this.others = others;
        this.socket = socket;
        this.nonEmpty = nonEmpty;
        this.byKey = byKey;
        this.members = members.clone();
        long mask = 0;
        Arrays.fill(direct, (byte) -1);
        for (int i = 0; i < members.length; i++) {
            long key = members[i].key();
            if (key >= 0 && key < DIRECT_KEYS) {
                direct[(int) key] = (byte) i;
            }
            if (members[i].required()) {
                mask |= 1L << i;
            }
        }
        this.required = mask;
    }

    /** A closed map: {@code { members }}. */
    static MapShape closed(Rule rule, Member... members) {
        return new MapShape(rule, rule.cddl(), Others.NONE, null, false, false, members);
    }

    /** A map with an extension socket: {@code { members, * $$socket }}. */
    static MapShape extensible(Rule rule, ExtensionPoint socket, Member... members) {
        return new MapShape(rule, rule.cddl(), Others.EXTENSION_KEYS, socket, false, false, members);
    }

    /** A map that admits {@code others} besides its members. */
    static MapShape open(Rule rule, Others others, Member... members) {
        return new MapShape(rule, rule.cddl(), others, null, false, false, members);
    }

    /** The same shape named differently in messages, for rules that cover several maps. */
    MapShape named(String cddlName) {
        return new MapShape(rule, cddlName, others, socket, nonEmpty, byKey, members);
    }

    /** The same shape wrapped in {@code non-empty<...>} (§7.1). */
    MapShape nonEmpty() {
        return new MapShape(rule, name, others, socket, true, byKey, members);
    }

    /** The same shape with its members addressed by key number in paths, as the triples-map's are. */
    MapShape addressedByKey() {
        return new MapShape(rule, name, others, socket, nonEmpty, true, members);
    }

    /** The CDDL name of the member a key stands for, or null when it is none of this shape's. */
    @Nullable String memberName(CborItem key) {
        int index = indexOf(key);
        return index < 0 ? null : members[index].name();
    }

    Rule rule() {
        return rule;
    }

    /**
     * Checks an untagged map against the shape.
     *
     * @return true when {@code m} is a map with members to rely on: non-empty where it must be
     *     and without keys it does not admit (its members' values may still have problems)
     */
    boolean check(Validation v, CborItem m, Path p) {
        if (!m.is(CborItem.Type.MAP)) {
            v.mismatch(m, p, rule, "map (" + name + ")");
            return false;
        }
        return checkMembers(v, m, p);
    }

    /** Checks the members of a map whatever its tags, such as a {@code #6.501} corim-map. */
    boolean checkMembers(Validation v, CborItem m, Path p) {
        v.duplicates(m, p, rule);
        int n = m.size();
        if (nonEmpty && n == 0) {
            v.report(Code.MAP_EMPTY, p, Rule.NON_EMPTY, () -> name + " must not be empty");
            return false;
        }
        boolean clean = true;
        long seen = 0;
        for (int i = 0; i < n; i++) {
            CborItem key = m.key(i);
            int index = indexOf(key);
            if (index >= 0) {
                seen |= 1L << index;
                Member member = members[index];
                CborItem value = m.value(i);
                if (!member.type().accepts(value)) {
                    Path at = byKey ? p.add((int) member.key()) : p.add(member.name());
                    member.type().check(v, value, at, rule);
                }
            } else if (!admits(v, key, m.value(i), p)) {
                clean = false;
            }
        }
        if ((seen & required) != required) {
            for (int i = 0; i < members.length; i++) {
                if (members[i].required() && (seen & (1L << i)) == 0) {
                    v.missing(p, members[i], rule);
                }
            }
        }
        return clean;
    }

    private int indexOf(CborItem key) {
        if (!key.isPlainInt()) {
            return -1;
        }
        long k = key.longValue;
        if (k >= 0 && k < DIRECT_KEYS) {
            return direct[(int) k];
        }
        for (int i = 0; i < members.length; i++) {
            if (members[i].key() == k) {
                return i;
            }
        }
        return -1;
    }

    /** Reports a key the map does not admit; true when it does. */
    private boolean admits(Validation v, CborItem key, CborItem value, Path p) {
        switch (others) {
            case EXTENSION_KEYS -> {
                if (v.extensionAllowsKey(socket, key)) {
                    return true;
                }
                v.report(Code.MEMBER_UNKNOWN, p.add(key), rule,
                        () -> "unknown key " + key.keyLabel() + v.whyKeyUnknown());
                return false;
            }
            case COSE_LABELS -> {
                if (key.bigValue != null) {
                    v.report(Code.TYPE_MISMATCH, p.add(key), rule,
                            () -> "cose-label must be an int or text of CBOR int range");
                }
                return true;
            }
            case INT_KEYS -> {
                if (key.type == CborItem.Type.INT) {
                    return true;
                }
                v.report(Code.MEMBER_UNKNOWN, p.add(key), rule, () -> "unknown key " + key.keyLabel()
                        + "; claim keys of " + name + " must be integers");
                return false;
            }
            case COSWID_ATTRIBUTES -> {
                if (isAnyAttribute(value)) {
                    return true;
                }
                v.report(Code.MEMBER_UNKNOWN, p.add(key), rule, () -> "key " + key.keyLabel()
                        + " is not a member of " + name + ", and its value (" + value.describe()
                        + ") is not an any-attribute: text, int, or an array of two or more of either");
                return false;
            }
            default -> {
                v.report(Code.MEMBER_UNKNOWN, p.add(key), rule,
                        () -> "unknown key " + key.keyLabel() + "; this map has no extension socket");
                return false;
            }
        }
    }

    /** {@code one-or-more<text> / one-or-more<int>}. */
    private static boolean isAnyAttribute(CborItem value) {
        if (value.isText() || value.is(CborItem.Type.INT)) {
            return true;
        }
        if (!value.is(CborItem.Type.ARRAY) || value.items.length < 2) {
            return false;
        }
        boolean text = value.items[0].isText();
        for (CborItem item : value.items) {
            if (text ? !item.isText() : !item.is(CborItem.Type.INT)) {
                return false;
            }
        }
        return true;
    }
}
