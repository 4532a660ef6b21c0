package dev.intake.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.config.IntakeConfig;

/**
 * The remote targets this instance sends rows to. Its workers claim a batch, or a chunk of one, only when they can run
 * its template: an in-process template, or a template of a target configured here. Instances of one deployment may be
 * configured apart (a target added to some of them first); a batch of a target that this instance does not know waits
 * for an instance that does, instead of failing here as if its template had left the schema.
 */
@ApplicationScoped
public class ServedTargets {

    /**
     * A condition on the claimed batch {@code b}, with one parameter, {@link #names()}: its template has no target (an
     * in-process template's name is a mutation's, which has no dot), or its target (the name before the last dot, as
     * in {@code <target>.<mutation>}) is one of them.
     */
    public static final String CLAIMABLE = "(strpos(b.template, '.') = 0 or substring(b.template from '^(.*)\\.[^.]*$')"
            + " = any (?))";

    private final String[] names;

    @Inject
    public ServedTargets(IntakeConfig config) {
        this(config.targets().keySet().toArray(String[]::new));
    }

    private ServedTargets(String... names) {
        this.names = names.clone();
    }

    /** The targets of the given names, for stores built without CDI. */
    public static ServedTargets of(String... names) {
        return new ServedTargets(names);
    }

    /** The configured targets' names, the parameter of {@link #CLAIMABLE}. */
    public String[] names() {
        return names.clone();
    }
}
