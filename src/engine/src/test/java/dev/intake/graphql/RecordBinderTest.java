package dev.intake.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The binder makes the record SmallRye's JSON-B round trip makes, or declines. */
class RecordBinderTest {

    /** Configured as SmallRye GraphQL configures the JSON-B it binds inputs with. */
    private static final Jsonb SMALLRYE_LIKE = JsonbBuilder.create(new JsonbConfig().withFormatting(true).withNullValues(true));

    public enum Colour {
        RED, GREEN
    }

    public record Item(String name, Integer count, Colour colour) {
    }

    public record Input(String text, Integer small, Long big, Double ratio, BigDecimal price, BigInteger huge,
            Boolean flag, Colour colour, String absent, List<Item> items, List<String> tags, Item single) {
    }

    public record Dated(String name, LocalDate day) {
    }

    public record Refusing(String name) {
        public Refusing {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
        }
    }

    @AfterAll
    static void close() throws Exception {
        SMALLRYE_LIKE.close();
    }

    private static RecordBinder binder(Class<?> type) {
        return plainBinder(type).orElseThrow();
    }

    private static Optional<RecordBinder> plainBinder(Class<?> type) {
        return RecordBinder.of(type, RecordBinderTest::plainBinder);
    }

    private static Map<String, Object> item(String name, Object count, Object colour) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", name);
        item.put("count", count);
        item.put("colour", colour);
        return item;
    }

    private static Map<String, Object> input() {
        Map<String, Object> input = PlainValues.scalars("Zo\u00eb \"quoted\" \\ line\nnext \ud83d\ude00 \u0000 =cmd|' /C calc'!A0");
        input.put("colour", "GREEN");
        input.put("absent", null);
        input.put("items", List.of(item("first", 3, "RED"), item("", null, null)));
        input.put("tags", Arrays.asList("a", null, ""));
        input.put("single", item("one", 1, "GREEN"));
        return input;
    }

    private static Object roundTrip(Map<String, Object> map, Class<?> type) {
        return SMALLRYE_LIKE.fromJson(SMALLRYE_LIKE.toJson(map), type);
    }

    @Test
    void makes_the_record_the_json_round_trip_makes() {
        Map<String, Object> input = input();
        Object bound = binder(Input.class).bind(input);
        assertEquals(roundTrip(input, Input.class), bound);
        Input record = (Input) bound;
        assertSame(Colour.GREEN, record.colour());
        assertInstanceOf(ArrayList.class, record.items());
        assertInstanceOf(ArrayList.class, record.tags());
    }

    @Test
    void leaves_out_what_the_map_leaves_out_as_null() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("text", "only this");
        Object bound = binder(Input.class).bind(input);
        assertEquals(roundTrip(input, Input.class), bound);
        assertEquals(new Input("only this", null, null, null, null, null, null, null, null, null, null, null), bound);
    }

    @Test
    void takes_an_enum_constant_as_it_is() {
        Map<String, Object> item = item("x", 1, Colour.RED);
        assertEquals(new Item("x", 1, Colour.RED), binder(Item.class).bind(item));
    }

    @Test
    void declines_a_value_not_exactly_of_the_component_class() {
        assertSame(RecordBinder.UNBOUND, binder(Item.class).bind(item("x", 1L, null)));
        assertSame(RecordBinder.UNBOUND, binder(Item.class).bind(item("x", new BigInteger("1"), null)));
        assertSame(RecordBinder.UNBOUND, binder(Item.class).bind(item("x", 1, "BLUE")));
        assertSame(RecordBinder.UNBOUND, binder(Item.class).bind(item("x", 1, 0)));
        Map<String, Object> notAList = input();
        notAList.put("tags", "a");
        assertSame(RecordBinder.UNBOUND, binder(Input.class).bind(notAList));
        Map<String, Object> badElement = input();
        badElement.put("items", List.of(item("x", "3", null)));
        assertSame(RecordBinder.UNBOUND, binder(Input.class).bind(badElement));
        Map<String, Object> notAMap = input();
        notAMap.put("single", "one");
        assertSame(RecordBinder.UNBOUND, binder(Input.class).bind(notAMap));
    }

    @Test
    void declines_values_a_compact_constructor_refuses() {
        assertSame(RecordBinder.UNBOUND, binder(Refusing.class).bind(Map.of("name", "")));
        assertEquals(new Refusing("a"), binder(Refusing.class).bind(Map.of("name", "a")));
    }

    @Test
    void has_no_binder_for_a_class_that_is_not_a_plain_record() {
        assertTrue(plainBinder(Dated.class).isEmpty(), "a date is bound by JSON-B with its format");
        assertTrue(plainBinder(String.class).isEmpty());
        assertFalse(RecordBinder.of(Input.class, type -> Optional.empty()).isPresent(),
                "a nested record without a binder of its own");
    }
}
