package io.healthmonitor.corim;

/**
 * What a map member's value must be: checks the value and reports what is wrong. Values of a
 * rule of their own (a nested map, a type choice) report against that rule; plain types report
 * against the rule of the map that holds them, which the caller passes.
 */
@FunctionalInterface
interface ValueType {

    /**
     * Checks one value.
     *
     * @param v the document being validated
     * @param value the value
     * @param path where the value is
     * @param rule the rule of the map or array holding the value
     */
    void check(Validation v, CborItem value, Path path, Rule rule);

    /** Any value at all ({@code any}). */
    ValueType ANY = (v, value, path, rule) -> { };

    /** {@code tstr}. */
    ValueType TEXT = (v, value, path, rule) -> {
        if (!value.isText()) {
            v.mismatch(value, path, rule, "text");
        }
    };

    /** {@code bstr}. */
    ValueType BYTES = (v, value, path, rule) -> {
        if (!value.isBytes()) {
            v.mismatch(value, path, rule, "byte string");
        }
    };

    /** {@code bool}. */
    ValueType BOOL = (v, value, path, rule) -> {
        if (!value.is(CborItem.Type.TRUE) && !value.is(CborItem.Type.FALSE)) {
            v.mismatch(value, path, rule, "bool");
        }
    };

    /** {@code uint}. */
    ValueType UINT = (v, value, path, rule) -> {
        if (!value.isPlainUint()) {
            v.mismatch(value, path, rule, "uint");
        }
    };

    /** {@code int} (and {@code integer}, whose bignums the decoder folds into integers). */
    ValueType INT = (v, value, path, rule) -> {
        if (!value.is(CborItem.Type.INT)) {
            v.mismatch(value, path, rule, "int");
        }
    };

    /** {@code int / text}, such as {@code $version-scheme}. */
    ValueType INT_OR_TEXT = (v, value, path, rule) -> {
        if (!value.isPlainInt() && !value.isText()) {
            v.mismatch(value, path, rule, "int or text");
        }
    };

    /** {@code uri = #6.32(tstr)}. */
    ValueType URI = (v, value, path, rule) -> {
        if (!value.isTagged(CborTag.URI, CborItem.Type.TEXT)) {
            v.mismatch(value, path, rule, "uri (#6.32 text)");
        }
    };

    /** {@code [ + T ]}: a non-empty array of elements of type {@code element}. */
    static ValueType nonEmptyArrayOf(ValueType element) {
        return (v, value, path, rule) -> {
            if (v.array(value, path, rule, true)) {
                for (int i = 0; i < value.items.length; i++) {
                    element.check(v, value.items[i], path.add(i), rule);
                }
            }
        };
    }

    /** {@code one-or-more<T> = T / [ 2* T ]} (RFC 9393). */
    static ValueType oneOrMore(ValueType element) {
        return (v, value, path, rule) -> {
            if (!value.is(CborItem.Type.ARRAY)) {
                element.check(v, value, path, rule);
                return;
            }
            if (value.items.length < 2) {
                v.report(Code.TYPE_MISMATCH, path, rule,
                        "one-or-more<T> is one T or an array of two or more, found an array of " + value.items.length);
            }
            for (int i = 0; i < value.items.length; i++) {
                element.check(v, value.items[i], path.add(i), rule);
            }
        };
    }
}
