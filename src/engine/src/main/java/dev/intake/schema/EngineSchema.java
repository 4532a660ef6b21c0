package dev.intake.schema;

import java.util.List;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The engine's tables: a PostgreSQL schema of their own ({@value #NAME}), with a Flyway history of their own
 * ({@code intake.flyway_schema_history}), migrated on the application's one datasource. A host's tables and
 * migrations never meet them: the host's Flyway, if it has one, keeps its own history in its own schema.
 * <p>
 * Plain Java, so that the stores' tests migrate a database exactly as a starting application does.
 */
public final class EngineSchema {

    /** The PostgreSQL schema that holds every engine table. */
    public static final String NAME = "intake";

    /** The engine's migrations, in order: {@link EngineTables} is V1, the SQL scripts under db/intake follow. */
    static final List<String> SCRIPTS = List.of("V2__remote_targets.sql", "V3__remote_sending.sql",
            "V4__target_schema_changes.sql", "V5__target_slots.sql", "V6__target_waiters.sql",
            "V7__batch_notifications.sql", "V8__webhooks.sql", "V9__rollback.sql", "V10__rollback_preview.sql",
            "V11__retries.sql", "V12__second_pass.sql", "V13__import_sets.sql", "V14__email_intake.sql",
            "V15__email_admin_roles.sql", "V16__row_images_as_json.sql");

    private EngineSchema() {
    }

    /** Brings the engine's tables up to date, creating the schema or moving an earlier layout's tables into it. */
    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(EngineSchema.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(NAME)
                .defaultSchema(NAME)
                .createSchemas(true)
                .table("flyway_schema_history")
                .locations("classpath:db/intake")
                .resourceProvider(new EngineScripts(SCRIPTS))
                .javaMigrationClassProvider(new EngineMigrationClasses())
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }
}
