package dev.intake.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/** Reads templates off schemas written in SDL, so each rule is shown without the sample domain. */
class SchemaTemplatesTest {

    private static final String SCHEMA = """
            type Query { ping: String }
            type Location { id: ID! }
            enum Kind { ROOM ONLINE }
            "An address"
            input AddressInput { street: String! "Town or city" city: String! postcode: String }
            input LocationInput {
              "Where it is" address: AddressInput!
              name: String!
              capacity: Int
              price: BigDecimal
              open: Boolean
              kind: Kind!
              tags: [String]
              billing: AddressInput
              parent: LocationInput
            }
            input FlagsInput { reason: String! @lookup(entity: "reasons", field: "code") }
            directive @lookup(entity: String!, field: String!) on INPUT_FIELD_DEFINITION
            directive @importAction(entity: String, action: String, importable: Boolean) on FIELD_DEFINITION
            scalar BigDecimal
            type Mutation {
              "Create a location"
              createLocation(input: LocationInput!): Location
              moveLocation(id: ID!, to: AddressInput!): Location
              setFlags(input: FlagsInput!): Boolean @importAction(entity: "Flag", action: "raise")
              rename(id: ID!, name: String!): Location
              needsList(input: ListInput!): Location
              hidden(input: FlagsInput!): Boolean @importAction(importable: false)
            }
            input ListInput { items: [String!]! }
            """;

    private final List<ImportTemplate> templates = SchemaTemplates.read(schema(SCHEMA));

    @Test
    void nested_input_objects_are_flattened_into_paths_required_first_then_alphabetical() {
        assertEquals(List.of(
                "input/address/city", "input/address/street", "input/address/postcode",
                "input/kind", "input/name",
                "input/billing/city", "input/billing/street", "input/billing/postcode",
                "input/capacity", "input/open", "input/price"),
                references("createLocation"));
    }

    @Test
    void a_field_is_required_only_when_it_and_every_object_above_it_are_non_null() {
        ImportTemplate template = template("createLocation");
        assertTrue(template.column("input/address/city").orElseThrow().required());
        assertTrue(!template.column("input/address/postcode").orElseThrow().required());
        assertTrue(!template.column("input/billing/city").orElseThrow().required(), "billing itself is optional");
    }

    @Test
    void types_descriptions_and_labels_come_from_the_schema() {
        ImportTemplate template = template("createLocation");
        TemplateColumn city = template.column("input/address/city").orElseThrow();
        assertEquals("Address City", city.label());
        assertEquals("Town or city", city.description());
        assertEquals("Text (Required)", city.typeDescription());
        assertEquals("Fixed: ROOM, ONLINE (Required)", template.column("input/kind").orElseThrow().typeDescription());
        assertEquals("Number (Optional)", template.column("input/capacity").orElseThrow().typeDescription());
        assertEquals("Decimal (Optional)", template.column("input/price").orElseThrow().typeDescription());
        assertEquals("Boolean (Optional)", template.column("input/open").orElseThrow().typeDescription());
        assertEquals("Create a location", template.description());
    }

    @Test
    void lists_and_recursive_inputs_are_left_out_when_optional_and_block_the_template_when_required() {
        assertTrue(references("createLocation").stream().noneMatch(reference -> reference.contains("tags")
                || reference.contains("parent")));
        assertTrue(templates.stream().noneMatch(template -> template.name().equals("needsList")));
    }

    @Test
    void scalar_arguments_become_columns_next_to_flattened_ones() {
        assertEquals(List.of("id", "to/city", "to/street", "to/postcode"), references("moveLocation"));
        assertEquals("ID", template("moveLocation").column("id").orElseThrow().label());
    }

    @Test
    void mutations_without_an_input_object_have_no_template() {
        assertEquals(List.of("createLocation", "moveLocation", "setFlags"),
                templates.stream().map(ImportTemplate::name).toList());
    }

    @Test
    void entity_and_action_come_from_the_mutation_name() {
        assertEquals("Location", template("createLocation").entity());
        assertEquals("create", template("createLocation").action());
        assertEquals(List.of("Location", "moveTo"), List.of((Object[]) SchemaTemplates.entityAndAction("moveLocationTo",
                java.util.Set.of("Location"))));
    }

    @Test
    void a_directive_overrides_entity_and_action_or_keeps_a_mutation_out() {
        assertEquals("Flag", template("setFlags").entity());
        assertEquals("raise", template("setFlags").action());
        assertTrue(templates.stream().noneMatch(template -> template.name().equals("hidden")));
    }

    @Test
    void a_lookup_directive_makes_a_lookup_column() {
        TemplateColumn reason = template("setFlags").column("input/reason").orElseThrow();
        assertEquals(FieldType.LOOKUP, reason.type());
        assertEquals("Lookup: lookup(reasons, code) (Required)", reason.typeDescription());
    }

    @Test
    void the_document_passes_every_argument_as_a_variable_and_selects_the_id() {
        assertEquals("mutation Import($id: ID!, $to: AddressInput!) { moveLocation(id: $id, to: $to) { id } }",
                template("moveLocation").document());
        assertEquals("mutation Import($input: FlagsInput!) { setFlags(input: $input) }", template("setFlags").document());
    }

    private List<String> references(String name) {
        return template(name).columns().stream().map(TemplateColumn::reference).toList();
    }

    private ImportTemplate template(String name) {
        return templates.stream().filter(template -> template.name().equals(name)).findFirst().orElseThrow();
    }

    private static GraphQLSchema schema(String sdl) {
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(graphql.scalars.ExtendedScalars.GraphQLBigDecimal)
                .build();
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
    }
}
