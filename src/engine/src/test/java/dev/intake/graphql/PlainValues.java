package dev.intake.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/** An input map's scalar values of every plain kind, at the edges JSON could bend: for the binding tests. */
final class PlainValues {

    private PlainValues() {
    }

    /** {@code text} and a whole number, a long past a double's precision, a double, a big decimal and integer, a flag. */
    static Map<String, Object> scalars(String text) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("text", text);
        input.put("small", -7);
        input.put("big", 9_007_199_254_740_993L);
        input.put("ratio", 0.1);
        input.put("price", new BigDecimal("12345678901234567890.0100"));
        input.put("huge", new BigInteger("123456789012345678901234567890"));
        input.put("flag", false);
        return input;
    }
}
