package io.healthmonitor.corim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts decoded items into the plain-Java view that {@link CorimExtension.Rule}s receive. */
final class ExtensionView {

    private ExtensionView() {
    }

    /** The view of a map, ignoring the map's own tags (such as #6.501 on a corim-map). */
    @SuppressWarnings("unchecked")
    static Map<Object, Object> ofMap(CborItem map, Map<CborItem, CborItem> embedded) {
        if (map.type != CborItem.Type.MAP) {
            return Map.of();
        }
        Object value = of(map, embedded);
        while (value instanceof CorimExtension.Tagged t) {
            value = t.value();
        }
        return (Map<Object, Object>) value;
    }

    static Object of(CborItem item, Map<CborItem, CborItem> embedded) {
        Object value;
        switch (item.type) {
            case INT -> value = item.bigValue != null ? item.bigValue : (Object) item.longValue;
            case BYTES -> {
                CborItem inner = embedded.get(item);
                value = inner != null ? of(inner, embedded) : item.bytes();
            }
            case TEXT -> value = item.text();
            case ARRAY -> {
                List<Object> list = new ArrayList<>(item.size());
                for (CborItem e : item.items) {
                    list.add(of(e, embedded));
                }
                value = Collections.unmodifiableList(list);
            }
            case MAP -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < item.size(); i++) {
                    CborItem k = item.key(i);
                    Object key = k.type == CborItem.Type.INT ? (k.bigValue != null ? k.bigValue : (Object) k.longValue) : k.text();
                    map.putIfAbsent(key, of(item.value(i), embedded));
                }
                value = Collections.unmodifiableMap(map);
            }
            case FLOAT -> value = item.doubleValue();
            case TRUE -> value = Boolean.TRUE;
            case FALSE -> value = Boolean.FALSE;
            default -> value = null;
        }
        for (int i = item.tags.length - 1; i >= 0; i--) {
            value = new CorimExtension.Tagged(item.tags[i], value);
        }
        return value;
    }
}
