package dev.intake.processing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and replaces a value in a row's variables by its template reference, such as {@code input/address/city}. */
final class RowValues {

    private RowValues() {
    }

    /** The value at the reference, or {@code null} when the row has none there. */
    static Object get(Map<String, Object> variables, String reference) {
        Object current = variables;
        for (String name : reference.split("/")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(name);
        }
        return current;
    }

    /** A copy of the variables with the value at the reference replaced; the maps on its path are copied. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> variables, String reference, Object value) {
        String[] path = reference.split("/");
        Map<String, Object> copy = new LinkedHashMap<>(variables);
        Map<String, Object> current = copy;
        for (int i = 0; i < path.length - 1; i++) {
            Object next = current.get(path[i]);
            if (!(next instanceof Map<?, ?>)) {
                return variables;
            }
            Map<String, Object> nested = new LinkedHashMap<>((Map<String, Object>) next);
            current.put(path[i], nested);
            current = nested;
        }
        current.put(path[path.length - 1], value);
        return copy;
    }
}
