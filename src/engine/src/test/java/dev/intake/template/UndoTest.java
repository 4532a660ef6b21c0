package dev.intake.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/** How a mutation's undo and read are declared in SDL and checked against the schema, without the sample domain. */
class UndoTest {

    private static final String SCHEMA = """
            directive @importAction(entity: String, action: String, importable: Boolean = true, undo: String,
                read: String, restore: String, clear: String) on FIELD_DEFINITION
            directive @lookup(entity: String!, field: String!) on INPUT_FIELD_DEFINITION
            directive @rolesAllowed(value: String) on FIELD_DEFINITION
            type Query { product(id: ID!): Product products: [Product] productsById(ids: [ID!]!): [Product]! }
            type Product { id: ID! name: String! notes: String address: Address supplier: Supplier tags: [String] }
            type Address { city: String }
            type Supplier { id: ID! }
            input AddressInput { city: String }
            input ProductInput { name: String! notes: String address: AddressInput
                supplier: String @lookup(entity: "suppliers", field: "name") tags: [String] }
            input UpdateProductInput { id: ID! name: String notes: String unset: [String!] }
            input TagInput { product: String! @lookup(entity: "products", field: "name") tag: String! }
            input UpsertProductInput { id: ID name: String! notes: String }
            type Mutation {
              createProduct(input: ProductInput!): Product @importAction(undo: "deleteProduct", read: "product")
              deleteProduct(id: ID!): Boolean! @rolesAllowed(value: "products-writer")
              updateProduct(input: UpdateProductInput!): Product @importAction(undo: "updateProduct", read: "product")
              restoreWithoutRead(input: UpdateProductInput!): Product @importAction(undo: "updateProduct")
              undoneByNothing(input: ProductInput!): Product @importAction(undo: "vanish")
              readByNothing(input: ProductInput!): Product @importAction(undo: "deleteProduct", read: "products")
              readByList(input: ProductInput!): Product @importAction(undo: "deleteProduct", read: "productsById")
              upsertProduct(input: UpsertProductInput!): Product @importAction(undo: "deleteProduct",
                restore: "updateProduct", read: "productsById", clear: "unset")
              clearThroughNothing(input: UpsertProductInput!): Product @importAction(undo: "updateProduct",
                read: "productsById", clear: "notes")
              addProductTags(input: TagInput!): Product @importAction(undo: "removeProductTag")
              removeProductTag(product: ID!, tag: String!): Boolean!
              keep(input: ProductInput!): Product
            }
            """;

    private final List<ImportTemplate> templates = SchemaTemplates.read(new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse(SCHEMA), RuntimeWiring.newRuntimeWiring().build()));

    @Test
    void a_create_is_undone_by_a_mutation_taking_the_records_id_and_read_by_the_fields_its_columns_set() {
        Undo undo = template("createProduct").undo();
        assertTrue(undo.possible());
        assertNull(undo.restore());
        assertEquals("id", undo.delete().argument());
        assertEquals(List.of("products-writer"), undo.requiredRoles());
        assertEquals("mutation Import($id: ID!) { deleteProduct(id: $id) }", undo.delete().operation().document());
        assertFalse(undo.readsBefore(), "a create reads no record before it");
        RecordRead read = undo.reading().orElseThrow();
        assertEquals(List.of("input/name", "input/address/city", "input/notes"),
                read.fields().stream().map(RecordRead.Field::reference).toList(),
                "the lookup and the list are not read");
        assertEquals("query Import($r0: ID!, $r1: ID!) { r0: product(id: $r0) { name address { city } notes }"
                + " r1: product(id: $r1) { name address { city } notes } }", read.document(2));
        // the mutation returns the read's record type, so its answer is the record as the row left it
        assertTrue(undo.answered());
        assertEquals("mutation Import($input: ProductInput!) { createProduct(input: $input) { id name address { city }"
                + " notes } }", template("createProduct").document());
    }

    @Test
    void a_query_taking_a_list_of_ids_reads_a_whole_group_in_one_field_with_the_records_ids() {
        RecordRead read = template("readByList").undo().reading().orElseThrow();
        assertTrue(read.byList());
        assertEquals("query Import($ids: [ID!]!) { r: productsById(ids: $ids) { id name address { city } notes } }",
                read.document(50));
    }

    @Test
    void an_update_is_undone_by_an_update_taking_the_records_id_in_its_input_and_needs_a_read() {
        Undo undo = template("updateProduct").undo();
        assertNull(undo.delete());
        assertEquals("input", undo.restore().argument());
        assertTrue(undo.readsBefore());
        assertEquals(List.of("input/name", "input/notes"), undo.reading().orElseThrow().fields().stream()
                .map(RecordRead.Field::reference).toList(), "the record's id is not one of its fields");
        Undo unread = template("restoreWithoutRead").undo();
        assertFalse(unread.possible());
        assertTrue(unread.refusal().contains("needs the query that reads one by its ID"), unread.refusal());
    }

    @Test
    void a_missing_undo_a_read_that_takes_no_id_and_no_declaration_are_refused_saying_why() {
        assertTrue(template("undoneByNothing").undo().refusal().contains("declares the undo vanish, which the schema"
                + " does not have"), template("undoneByNothing").undo().refusal());
        assertTrue(template("readByNothing").undo().refusal().contains("declares the read products"),
                template("readByNothing").undo().refusal());
        Undo none = template("keep").undo();
        assertFalse(none.possible());
        assertTrue(none.mutation().isEmpty());
        assertTrue(none.refusal().contains("declares no undo"), none.refusal());
    }

    @Test
    void an_upsert_names_the_delete_of_what_it_created_and_the_update_that_restores_what_it_changed() {
        Undo undo = template("upsertProduct").undo();
        assertEquals("deleteProduct", undo.forAction("CREATED").orElseThrow().name());
        assertEquals("updateProduct", undo.forAction("UPDATED").orElseThrow().name());
        assertEquals("unset", undo.restore().clear());
        assertEquals("input", undo.rowInput());
        assertEquals(java.util.Optional.of("deleteProduct, updateProduct"), undo.mutation());
        Undo notAList = template("clearThroughNothing").undo();
        assertFalse(notAList.possible());
        assertTrue(notAList.refusal().contains("must be a list in UpdateProductInput"), notAList.refusal());
    }

    @Test
    void an_addition_is_undone_by_a_removal_taking_the_records_id_and_values_of_the_rows_input_by_name() {
        Undo undo = template("addProductTags").undo();
        assertTrue(undo.possible(), String.valueOf(undo.refusal()));
        assertEquals("product", undo.delete().argument(), "the record's ID, not the row's product name");
        assertEquals(java.util.Map.of("tag", List.of("input", "tag")), undo.delete().fromInput());
        assertTrue(undo.needsInput());
        assertEquals("mutation Import($product: ID!, $tag: String!) { removeProductTag(product: $product, tag: $tag) }",
                undo.delete().operation().document());
    }

    private ImportTemplate template(String name) {
        return templates.stream().filter(template -> template.name().equals(name)).findFirst().orElseThrow();
    }
}
