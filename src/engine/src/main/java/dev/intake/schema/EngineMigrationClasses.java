package dev.intake.schema;

import java.util.Collection;
import java.util.List;

import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.migration.JavaMigration;

/** The engine's migrations written in Java, named for the same reason as its scripts ({@link EngineScripts}). */
final class EngineMigrationClasses implements ClassProvider<JavaMigration> {

    @Override
    public Collection<Class<? extends JavaMigration>> getClasses() {
        return List.of(EngineTables.class);
    }
}
