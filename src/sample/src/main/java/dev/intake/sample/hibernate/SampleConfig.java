package dev.intake.sample.hibernate;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The sample application's own settings, under {@code intake.sample.}. */
// Registered although nothing injects it, so that its settings are validated and documented with the rest
@Unremovable
@ConfigMapping(prefix = "intake.sample")
public interface SampleConfig {

    /**
     * Whether a batch of Hibernate's updates by key of one table goes to PostgreSQL as one statement over arrays
     * ({@link ArrayUpdateBatch}); false leaves every batch to Hibernate. Read once, at start.
     */
    @WithDefault("true")
    boolean arrayUpdates();
}
