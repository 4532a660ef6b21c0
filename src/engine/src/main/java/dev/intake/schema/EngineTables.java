package dev.intake.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The engine's first migration (V1): its tables, created in the engine's schema, or moved there from where the last
 * release with one migration history for engine and domain left them ({@link SingleHistoryLayout}). Flyway runs it in
 * one transaction with the history row that records it, so a crash leaves either the earlier layout or this one.
 */
@RegisterForReflection
public final class EngineTables implements JavaMigration {

    static final String SCRIPT = EngineScripts.FOLDER + "/engine-tables.sql";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("1");
    }

    @Override
    public String getDescription() {
        return "engine tables";
    }

    /** None: the script's comments may change, and the tables it makes are checked by the tests, not by Flyway. */
    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        Optional<SingleHistoryLayout> earlier = SingleHistoryLayout.find(connection);
        if (earlier.isPresent()) {
            earlier.get().moveTablesInto(EngineSchema.NAME, connection);
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(script());
        }
    }

    private static String script() {
        try (InputStream in = EngineTables.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("The engine's jar has no " + SCRIPT);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
