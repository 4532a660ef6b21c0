package dev.intake.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.Month;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class CompactInputJsonbTest {

    /** Configured as SmallRye GraphQL configures the JSON-B it binds inputs with. */
    private static final Jsonb SMALLRYE_LIKE = JsonbBuilder.create(new JsonbConfig().withFormatting(true).withNullValues(true));

    private final Jsonb compact = new CompactInputJsonb(SMALLRYE_LIKE);

    public record Item(String name, Integer count) {
    }

    public record Input(String text, Integer small, Long big, Double ratio, BigDecimal price, BigInteger huge,
            Boolean flag, String absent, List<Item> items, List<String> tags, LocalDate day) {
    }

    @AfterAll
    static void close() throws Exception {
        SMALLRYE_LIKE.close();
    }

    private static Map<String, Object> plainInput() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", "first \"quoted\" \\ line\nnext \u00e9\u4e2d\ud83d\ude00 \u0001");
        item.put("count", 3);
        Map<String, Object> input = PlainValues.scalars("Zo\u00eb");
        input.put("absent", null);
        input.put("items", List.of(item));
        input.put("tags", Arrays.asList("a", null));
        input.put("day", "2026-11-23");
        return input;
    }

    private static JsonValue parsed(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @Test
    void writes_a_plain_input_map_as_the_same_json_only_compact() {
        Map<String, Object> input = plainInput();
        String written = compact.toJson(input);
        assertEquals(parsed(SMALLRYE_LIKE.toJson(input)), parsed(written));
        assertFalse(written.contains("\n"), written);
    }

    @Test
    void binds_what_it_wrote_to_the_same_record_as_before() {
        Map<String, Object> input = plainInput();
        Input before = SMALLRYE_LIKE.fromJson(SMALLRYE_LIKE.toJson(input), Input.class);
        Input after = compact.fromJson(compact.toJson(input), Input.class);
        assertEquals(before, after);
        assertEquals(LocalDate.of(2026, 11, 23), after.day());
        assertEquals(9_007_199_254_740_993L, after.big());
    }

    @Test
    void hands_a_map_with_any_other_value_to_the_delegate_whole() {
        Map<String, Object> input = plainInput();
        input.put("day", LocalDate.of(2026, 11, 23));
        assertEquals(SMALLRYE_LIKE.toJson(input), compact.toJson(input));

        Map<String, Object> nested = plainInput();
        nested.put("items", List.of(Map.of("name", Month.MAY)));
        assertEquals(SMALLRYE_LIKE.toJson(nested), compact.toJson(nested));

        Item notAMap = new Item("x", 1);
        assertEquals(SMALLRYE_LIKE.toJson(notAMap), compact.toJson(notAMap));
    }
}
