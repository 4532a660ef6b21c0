package dev.intake.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The engine's package cut, checked on its compiled classes: it never depends on an application built on it, only graphql/
 * touches SmallRye GraphQL's extension points, and no two packages depend on each other, directly or round a
 * longer loop. A failure names the offending classes.
 */
class PackageRulesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.intake");

    @Test
    void the_engine_depends_on_no_application_built_on_it() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.intake.training..", "dev.intake.sample..")
                .because("the import engine works on whatever mutations its targets' schemas have")
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
    void only_one_class_touches_micrometer_which_the_engine_may_run_without() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.intake.metrics.MicrometerMeters")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..")
                .because("Micrometer is optional: a host without it must never load a class that needs it")
                .check(CLASSES);
    }

    @Test
    void no_two_packages_depend_on_each_other() {
        slices().matching("dev.intake.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
