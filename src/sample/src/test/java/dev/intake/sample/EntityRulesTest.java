package dev.intake.sample;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * No entity of the sample domain declares Bean Validation constraints: the application tells Hibernate not to check
 * entities (the mutations' inputs carry the constraints, and the database checks the rest), so a constraint on an
 * entity would silently go unchecked. A failure names the classes at fault.
 */
class EntityRulesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.intake.training");

    @Test
    void no_entity_declares_constraints_that_hibernate_would_not_check() {
        noClasses().that().areAnnotatedWith(jakarta.persistence.Entity.class)
                .should().dependOnClassesThat().resideInAPackage("jakarta.validation..")
                .because("quarkus.hibernate-orm.validation.enabled is false: the mutations' inputs and the database's "
                        + "constraints check what is written, and an entity's constraint would silently go unchecked")
                .check(CLASSES);
    }
}
