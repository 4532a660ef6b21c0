package dev.intake.undo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.intake.template.RecordRead;
import dev.intake.template.RowOperation;
import dev.intake.template.Undo;

class RowPlanTest {

    private static final RecordRead READ = new RecordRead("product", "id", "ID!", List.of(
            new RecordRead.Field("input/name", List.of("name"), "Name"),
            new RecordRead.Field("input/notes", List.of("notes"), "Notes"),
            new RecordRead.Field("input/address/city", List.of("address", "city"), "City")), false);

    private static final Undo.Mutation DELETING = new Undo.Mutation(new RowOperation("deleteProduct", List.of(
            new RowOperation.Argument("id", "ID!")), "", true), "id", null, null);

    private static final Undo.Mutation RESTORING = new Undo.Mutation(new RowOperation("updateProduct", List.of(
            new RowOperation.Argument("input", "UpdateProductInput!")), " { __typename }", true), "input", null, null);

    private static final Undo DELETE = new Undo(DELETING, null, READ, null, false, "input");

    private static final Undo RESTORE = new Undo(null, RESTORING, READ, null, false, "input");

    /** An upsert's: deletes what its rows created, restores what they updated, and clears through {@code unset}. */
    private static final Undo UPSERT = new Undo(DELETING, new Undo.Mutation(RESTORING.operation(), "input", null,
            "unset"), READ, null, false, "input");

    private static final UndoStore.CommittedRow CREATED = new UndoStore.CommittedRow(5, "P1", "CREATED");

    private static final UndoStore.CommittedRow UPDATED = new UndoStore.CommittedRow(6, "P2", "UPDATED");

    @Test
    void a_record_as_the_import_left_it_is_deleted_by_its_id() {
        RowImage image = new RowImage(5, null, "{\"name\":\"Lamp\",\"notes\":null,\"address\":{\"city\":\"York\"}}");
        RowPlan plan = RowPlan.of(DELETE, CREATED, image, record("Lamp", null, "York"), true, false);
        assertTrue(plan.runs());
        assertEquals(Map.of("id", "P1"), plan.variables());
    }

    @Test
    void a_record_changed_since_is_kept_naming_each_field_with_its_value_now_and_then_unless_forced() {
        RowImage image = new RowImage(5, null, "{\"name\":\"Lamp\",\"notes\":null,\"address\":{\"city\":\"York\"}}");
        RowPlan kept = RowPlan.of(DELETE, CREATED, image, record("Lamp", "fragile", "Leeds"), true, false);
        assertFalse(kept.runs());
        assertEquals(UndoResult.KEPT, kept.result());
        assertEquals("Row 5, record P1: changed after the import: Notes is now 'fragile' (the import left empty); City"
                + " is now 'Leeds' (the import left 'York') (roll back with force to undo it anyway)", kept.reason());
        assertTrue(RowPlan.of(DELETE, CREATED, image, record("Lamp", "fragile", "Leeds"), true, true).runs(),
                "forced");
    }

    @Test
    void a_record_gone_since_is_kept_and_one_without_images_is_deleted_unchecked() {
        RowPlan gone = RowPlan.of(DELETE, CREATED, new RowImage(5, null, "{\"name\":\"Lamp\"}"), null, true, false);
        assertEquals(UndoResult.KEPT, gone.result());
        assertEquals("Row 5, record P1: it no longer exists", gone.reason());
        assertTrue(RowPlan.of(DELETE, CREATED, null, null, false, false).runs(), "nothing kept, nothing to compare");
    }

    @Test
    void an_update_sets_back_the_fields_it_changed_and_reports_those_that_were_empty_before() {
        RowImage image = new RowImage(6, "{\"name\":\"Lamp\",\"notes\":null,\"address\":{\"city\":\"York\"}}",
                "{\"name\":\"Lamp\",\"notes\":\"new\",\"address\":{\"city\":\"Leeds\"}}");
        RowPlan plan = RowPlan.of(RESTORE, UPDATED, image, record("Lamp", "new", "Leeds"), true, false);
        assertTrue(plan.runs());
        assertEquals(Map.of("input", Map.of("id", "P2", "address", Map.of("city", "York"))), plan.variables(),
                "the name it did not change is not sent");
        assertEquals(List.of("Notes"), plan.notRestored());
    }

    @Test
    void an_update_whose_record_is_as_it_was_before_the_import_is_undone_already() {
        RowImage image = new RowImage(6, "{\"name\":\"Lamp\",\"notes\":\"old\",\"address\":{\"city\":\"York\"}}",
                "{\"name\":\"Lamp\",\"notes\":\"new\",\"address\":{\"city\":\"York\"}}");
        RowPlan plan = RowPlan.of(RESTORE, UPDATED, image, record("Lamp", "old", "York"), true, false);
        assertEquals(UndoResult.UNDONE, plan.result());
        assertEquals("Row 6, record P2: already as it was before the import", plan.reason());
        assertEquals(UndoResult.KEPT, RowPlan.of(RESTORE, UPDATED, image, record("Lamp", "other", "York"), true, false)
                .result(), "changed since to something else: kept");
    }

    @Test
    void an_update_without_its_before_image_is_not_restored() {
        RowPlan plan = RowPlan.of(RESTORE, UPDATED, new RowImage(6, null, "{\"name\":\"Lamp\"}"), record("Lamp", null,
                null), true, false);
        assertEquals(UndoResult.FAILED, plan.result());
        assertTrue(plan.reason().contains("values from before the import were not kept"), plan.reason());
        assertNull(plan.variables());
    }

    @Test
    void an_upserts_rows_are_deleted_or_restored_by_what_each_did_and_a_field_empty_before_is_cleared() {
        RowPlan deleted = RowPlan.of(UPSERT, CREATED, new RowImage(5, null, "{\"name\":\"Lamp\"}"), record("Lamp",
                null, null), true, false);
        assertEquals(Map.of("id", "P1"), deleted.variables());
        RowImage image = new RowImage(6, "{\"name\":\"Lamp\",\"notes\":null,\"address\":{\"city\":null}}",
                "{\"name\":\"Desk\",\"notes\":\"new\",\"address\":{\"city\":\"Leeds\"}}");
        RowPlan restored = RowPlan.of(UPSERT, UPDATED, image, record("Desk", "new", "Leeds"), true, false);
        assertEquals(Map.of("input", Map.of("id", "P2", "name", "Lamp", "unset", List.of("notes", "address.city"))),
                restored.variables());
        assertEquals(List.of(), restored.notRestored(), "each field is set back, the empty ones through unset");
    }

    @Test
    void a_removal_takes_the_records_id_and_the_values_of_the_rows_input_that_were_kept() {
        Undo removal = new Undo(new Undo.Mutation(new RowOperation("removeProductTag", List.of(new RowOperation.Argument(
                "product", "ID!"), new RowOperation.Argument("tag", "String!")), "", false), "product", null, null,
                Map.of("tag", List.of("input", "tag"))), null, null, null, false, null);
        RowPlan plan = RowPlan.of(removal, CREATED, new RowImage(5, null, null, "{\"tag\":\"fragile\"}"), null, false,
                false);
        assertEquals(Map.of("product", "P1", "tag", "fragile"), plan.variables());
        RowPlan unkept = RowPlan.of(removal, CREATED, null, null, false, false);
        assertEquals(UndoResult.FAILED, unkept.result());
        assertTrue(unkept.reason().contains("(tag) were not kept"), unkept.reason());
    }

    private static Map<String, Object> record(String name, String notes, String city) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", name);
        record.put("notes", notes);
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", city);
        record.put("address", address);
        return record;
    }
}
