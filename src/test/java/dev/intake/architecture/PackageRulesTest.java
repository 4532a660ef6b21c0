package dev.intake.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package cut, checked on the compiled classes: the engine never depends on the sample domain, only graphql/
 * touches SmallRye GraphQL's extension points, and no two packages depend on each other, directly or round a
 * longer loop; and no entity declares Bean Validation constraints, which Hibernate is told not to check (the
 * inputs carry them). A failure names the offending classes.
 */
class PackageRulesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.intake");

    @Test
    void nothing_outside_training_depends_on_the_sample_domain() {
        noClasses().that().resideOutsideOfPackage("dev.intake.training..")
                .should().dependOnClassesThat().resideInAPackage("dev.intake.training..")
                .because("the import engine works on whatever mutations the schema has")
                .check(CLASSES);
    }

    @Test
    void only_graphql_touches_smallrye_graphql_extension_points() {
        noClasses().that().resideOutsideOfPackage("dev.intake.graphql..")
                .should().dependOnClassesThat().resideInAnyPackage("io.smallrye.graphql.spi..",
                        "io.smallrye.graphql.execution..", "io.smallrye.graphql.bootstrap..",
                        "io.smallrye.graphql.schema..", "io.smallrye.graphql.cdi..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.smallrye.graphql.api.ErrorExtensionProvider")
                .because("SmallRye's service provider interfaces change between versions; one package absorbs that")
                .check(CLASSES);
    }

    @Test
    void no_entity_declares_constraints_that_hibernate_would_not_check() {
        noClasses().that().areAnnotatedWith(jakarta.persistence.Entity.class)
                .should().dependOnClassesThat().resideInAPackage("jakarta.validation..")
                .because("quarkus.hibernate-orm.validation.enabled is false: the mutations' inputs and the database's "
                        + "constraints check what is written, and an entity's constraint would silently go unchecked")
                .check(CLASSES);
    }

    @Test
    void no_two_packages_depend_on_each_other() {
        slices().matching("dev.intake.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
