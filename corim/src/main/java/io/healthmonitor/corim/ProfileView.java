package io.healthmonitor.corim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts decoded items into the plain-Java view that {@link CorimProfile.Rule}s receive. */
final class ProfileView {

    private ProfileView() {
    }

    static Object of(CborItem item, Map<byte[], CborItem> embedded) {
        Object value;
        switch (item.type) {
            case INT -> value = item.bigValue != null ? item.bigValue : (Object) item.longValue;
            case BYTES -> {
                CborItem inner = embedded.get(item.bytes);
                value = inner != null ? of(inner, embedded) : item.bytes.clone();
            }
            case TEXT -> value = item.text;
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
                    Object key = k.type == CborItem.Type.INT ? (k.bigValue != null ? k.bigValue : (Object) k.longValue) : k.text;
                    map.putIfAbsent(key, of(item.value(i), embedded));
                }
                value = Collections.unmodifiableMap(map);
            }
            case FLOAT -> value = item.doubleValue;
            case TRUE -> value = Boolean.TRUE;
            case FALSE -> value = Boolean.FALSE;
            default -> value = null;
        }
        for (int i = item.tags.length - 1; i >= 0; i--) {
            value = new CorimProfile.Tagged(item.tags[i], value);
        }
        return value;
    }
}
