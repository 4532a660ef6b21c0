package dev.intake.devdb;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells the embedded PostgreSQL's stop hook whether the application still runs. The shutdown side observes
 * late, after the import workers have stopped on the same event, so the database goes last.
 */
@ApplicationScoped
class EmbeddedPostgresLifecycle {

    void started(@Observes StartupEvent event) {
        EmbeddedPostgresServer.applicationRunning(true);
    }

    void stopped(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) ShutdownEvent event) {
        EmbeddedPostgresServer.applicationRunning(false);
    }
}
