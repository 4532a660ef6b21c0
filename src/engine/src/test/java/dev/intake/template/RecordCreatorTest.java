package dev.intake.template;

import static dev.intake.support.Templates.aColumn;
import static dev.intake.support.Templates.aTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which create mutation the create lookup policy may run: the entity's own, needing nothing but the value. */
class RecordCreatorTest {

    private static final ImportTemplate CREATE_ACCOUNT = aTemplate("createAccount").forEntity("Account", "create")
            .with(aColumn("Name", "input/name").required(), aColumn("Website", "input/website")).build();
    private static final ImportTemplate UPDATE_ACCOUNT = aTemplate("updateAccount").forEntity("Account", "update")
            .with(aColumn("Name", "input/name").required()).build();

    @Test
    void the_entitys_create_mutation_is_found_and_builds_its_variables_from_one_value() {
        RecordCreator creator = RecordCreator.find(List.of(UPDATE_ACCOUNT, CREATE_ACCOUNT), "Account", "name");
        assertEquals("createAccount", creator.template().name());
        assertEquals(Map.of("input", Map.of("name", "Acme")), creator.variables("Acme"));
    }

    @Test
    void there_is_none_without_a_create_mutation_a_column_for_the_field_or_with_other_required_fields() {
        assertEquals("the schema has no import mutation that creates a Account", assertThrows(
                IllegalArgumentException.class, () -> RecordCreator.find(List.of(UPDATE_ACCOUNT), "Account", "name"))
                .getMessage());
        assertEquals("createAccount has no field code to create a Account from its value", assertThrows(
                IllegalArgumentException.class, () -> RecordCreator.find(List.of(CREATE_ACCOUNT), "Account", "code"))
                .getMessage());
        ImportTemplate needsMore = aTemplate("createLocation").forEntity("Location", "create")
                .with(aColumn("Name", "input/name").required(), aColumn("City", "input/city").required()).build();
        assertEquals("createLocation also requires input/city, which a lookup value cannot give", assertThrows(
                IllegalArgumentException.class, () -> RecordCreator.find(List.of(needsMore), "Location", "name"))
                .getMessage());
    }
}
