package dev.intake.schema;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Migrates the engine's tables when the application starts, before anything of the engine uses them: the first of
 * the start-up observers, before the scheduler starts the workers. Several instances starting together take turns
 * (Flyway holds a lock in PostgreSQL while it migrates).
 */
@ApplicationScoped
class MigrateAtStart {

    private static final Logger LOG = Logger.getLogger(MigrateAtStart.class);

    @Inject
    DataSource dataSource;

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        int applied = EngineSchema.migrate(dataSource).migrationsExecuted;
        if (applied > 0) {
            LOG.infof("Migrated the engine's tables in the schema %s (%d migration%s)", EngineSchema.NAME, applied,
                    applied == 1 ? "" : "s");
        }
    }
}
