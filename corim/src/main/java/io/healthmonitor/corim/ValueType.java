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

    /**
     * Tells, without reporting or allocating anything, that {@link #check} would find nothing to
     * report; {@link MapShape} then skips the check and the path it would need. False unless a
     * type overrides it.
     */
    default boolean accepts(CborItem value) {
        return false;
    }

    /** {@code type}, which values that {@code plainlyRight} accepts pass without their check. */
    static ValueType accepting(java.util.function.Predicate<CborItem> plainlyRight, ValueType type) {
        return new ValueType() {
            @Override
            public void check(Validation v, CborItem value, Path path, Rule rule) {
                type.check(v, value, path, rule);
            }

            @Override
            public boolean accepts(CborItem value) {
                return plainlyRight.test(value);
            }
        };
    }

    /** A plain type: a value that {@code accepts} is right, any other one is a type mismatch. */
    static ValueType plain(String expected, java.util.function.Predicate<CborItem> accepts) {
        return new ValueType() {
            @Override
            public void check(Validation v, CborItem value, Path path, Rule rule) {
                if (!accepts.test(value)) {
                    v.mismatch(value, path, rule, expected);
                }
            }

            @Override
            public boolean accepts(CborItem value) {
                return accepts.test(value);
            }
        };
    }

    /** Any value at all ({@code any}). */
    ValueType ANY = (v, value, path, rule) -> { };

    /** {@code tstr}. */
    ValueType TEXT = plain("text", CborItem::isText);

    /** {@code bstr}. */
    ValueType BYTES = plain("byte string", CborItem::isBytes);

    /** {@code bool}. */
    ValueType BOOL = plain("bool", value -> value.is(CborItem.Type.TRUE) || value.is(CborItem.Type.FALSE));

    /** {@code uint}. */
    ValueType UINT = plain("uint", CborItem::isPlainUint);

    /** {@code int} (and {@code integer}, whose bignums the decoder folds into integers). */
    ValueType INT = plain("int", value -> value.is(CborItem.Type.INT));

    /** {@code int / text}, such as {@code $version-scheme}. */
    ValueType INT_OR_TEXT = plain("int or text", value -> value.isPlainInt() || value.isText());

    /** {@code uri = #6.32(tstr)}. */
    ValueType URI = plain("uri (#6.32 text)", value -> value.isTagged(CborTag.URI, CborItem.Type.TEXT));

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
                        () -> "one-or-more<T> is one T or an array of two or more, found an array of " + value.items.length);
            }
            for (int i = 0; i < value.items.length; i++) {
                element.check(v, value.items[i], path.add(i), rule);
            }
        };
    }
}
