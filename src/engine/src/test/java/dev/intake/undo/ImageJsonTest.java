package dev.intake.undo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A record's image is written as the same text that Jackson's object mapper writes for it, whatever it holds. */
class ImageJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void a_contact_as_a_graphql_answer_holds_it() throws JsonProcessingException {
        assertSameAsTheMapper(record("firstName", "Ada", "lastName", "Lovelace", "emailAddress", "ada@example.com",
                "phone", null, "status", "ACTIVE"));
    }

    @Test
    void hostile_text_is_escaped_as_the_mapper_escapes_it() throws JsonProcessingException {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        assertSameAsTheMapper(record("quotes", "\"quoted\" and \\back\\slashed\\", "controls", controls.toString(),
                "unicode", "Zoë Ünal 名前 \uD83D\uDE00 \u2028\u2029 \u007f", "html", "</script><b>&amp;",
                "formula", "=HYPERLINK(\"http://x\")", "empty", "", "key \"with\" quotes\n", "value"));
    }

    @Test
    void numbers_booleans_nesting_and_lists_are_written_as_the_mapper_writes_them() throws JsonProcessingException {
        assertSameAsTheMapper(record("int", 42, "long", -9_007_199_254_740_993L, "big", new BigInteger(
                "123456789012345678901234567890"), "decimal", new BigDecimal("1234.5000"), "scientific",
                new BigDecimal("1E+3"), "true", true, "false", false, "address", record("street", "1 Main St",
                        "city", null, "geo", record("lat", new BigDecimal("51.5"))),
                "prices", List.of(record("amount", new BigDecimal("9.99")), record("amount", 0)),
                "tags", Arrays.asList("a", null, "b"), "empty", List.of(), "nothing", record()));
    }

    @Test
    void other_values_are_left_to_the_mapper() throws JsonProcessingException {
        Map<Object, Object> numberKeys = new LinkedHashMap<>();
        numberKeys.put(1, "one");
        numberKeys.put(2L, "two");
        Set<String> set = new TreeSet<>(List.of("b", "a"));
        assertSameAsTheMapper(record("double", 1.5d, "float", 2.25f, "nan", Double.NaN, "infinite",
                Double.POSITIVE_INFINITY, "short", (short) 7, "set", set, "array", new String[] { "x", "y" },
                "numberKeys", numberKeys, "char", 'c'));
    }

    private static void assertSameAsTheMapper(Map<String, Object> record) throws JsonProcessingException {
        assertEquals(MAPPER.writeValueAsString(record), ImageJson.write(record));
    }

    private static Map<String, Object> record(Object... keysAndValues) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            record.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return record;
    }
}
