package dev.intake.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class RowOperationTest {

    private final RowOperation move = new RowOperation("moveLocation",
            List.of(new RowOperation.Argument("id", "ID!"), new RowOperation.Argument("to", "AddressInput!")), " { id }", true);

    @Test
    void one_row_passes_each_argument_as_the_variable_of_its_name() {
        assertEquals("mutation Import($id: ID!, $to: AddressInput!) { moveLocation(id: $id, to: $to) { id } }",
                move.document());
    }

    @Test
    void several_rows_are_aliased_fields_with_prefixed_variables() {
        assertEquals("mutation Import($r0_id: ID!, $r0_to: AddressInput!, $r1_id: ID!, $r1_to: AddressInput!) {"
                + " r0: moveLocation(id: $r0_id, to: $r0_to) { id } r1: moveLocation(id: $r1_id, to: $r1_to) { id } }",
                move.document(2));
        assertEquals("r1_to", RowOperation.variable(1, "to"));
    }

    @Test
    void only_a_top_level_row_field_names_a_row() {
        assertEquals(12, RowOperation.rowOf("/r12"));
        assertEquals(0, RowOperation.rowOf("r0"));
        assertEquals(-1, RowOperation.rowOf("/r12/account"));
        assertEquals(-1, RowOperation.rowOf("/createContact"));
        assertEquals(-1, RowOperation.rowOf("/r"));
        assertEquals(-1, RowOperation.rowOf(""));
        assertEquals(-1, RowOperation.rowOf("/r99999999999"));
    }
}
