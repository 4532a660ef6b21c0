package dev.intake.sample.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which of Hibernate's updates can go as one statement for many rows, and the statement they go as. */
class UpdateShapeTest {

    private static final Map<String, String> CONTACT = Map.of("id", "bigint", "first_name", "text", "status",
            "character varying", "custom_fields", "jsonb", "version", "integer");

    @Test
    void a_plain_update_by_key_joins_the_table_to_one_array_per_column() {
        UpdateShape shape = UpdateShape.parse("update contact set custom_fields=?,first_name=?,status=? where id=?")
                .orElseThrow().withTypes(CONTACT).orElseThrow();

        assertEquals(List.of("custom_fields", "first_name", "status"), shape.setColumns());
        assertEquals(List.of("id"), shape.keyColumns());
        assertEquals(4, shape.parameterCount());
        assertEquals("update contact as intake_target set custom_fields = intake_row.custom_fields, "
                + "first_name = intake_row.first_name, status = intake_row.status "
                + "from unnest(?::jsonb[], ?::text[], ?::character varying[], ?::bigint[]) "
                + "as intake_row(custom_fields, first_name, status, id) "
                + "where intake_target.id = intake_row.id returning intake_target.id", shape.sql());
    }

    @Test
    void a_versioned_update_matches_on_every_key_column() {
        UpdateShape shape = UpdateShape.parse("update contact set first_name=?,version=? where id=? and version=?")
                .orElseThrow().withTypes(CONTACT).orElseThrow();

        assertEquals(List.of("id", "version"), shape.keyColumns());
        assertTrue(shape.sql().endsWith("where intake_target.id = intake_row.id "
                + "and intake_target.version = intake_row.version returning intake_target.id"), shape.sql());
    }

    @Test
    void any_other_form_stays_hibernates() {
        for (String sql : List.of("update contact set first_name=lower(?) where id=?",
                "update \"contact\" set first_name=? where id=?", "update contact set first_name=? where id=? and version is null",
                "insert into contact (first_name,id) values (?,?)", "delete from contact where id=?",
                "update contact set first_name=? where id=? returning id")) {
            assertTrue(UpdateShape.parse(sql).isEmpty(), sql);
        }
    }

    @Test
    void a_column_whose_type_an_array_cannot_hold_keeps_the_update_hibernates() {
        assertTrue(UpdateShape.parse("update contact set tags=?,first_name=? where id=?").orElseThrow()
                .withTypes(CONTACT).isEmpty());
    }

    @Test
    void an_array_literal_quotes_every_element_and_escapes_quotes_and_backslashes() {
        StringBuilder array = new StringBuilder("{");
        ArrayUpdateBatch.appendElement(array, "a \"b\", {c}");
        ArrayUpdateBatch.appendElement(array, null);
        ArrayUpdateBatch.appendElement(array, "NULL");
        ArrayUpdateBatch.appendElement(array, "back\\slash");

        assertEquals("{\"a \\\"b\\\", {c}\",NULL,\"NULL\",\"back\\\\slash\"", array.toString());
    }
}
