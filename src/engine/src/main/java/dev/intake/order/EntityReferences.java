package dev.intake.order;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.remote.RemoteLookups;
import dev.intake.target.LookupResolver;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.TemplateColumn;
import dev.intake.template.WriteKind;

/**
 * Which records a template's rows make, and which records its lookup columns refer to, read from the schema: the
 * order in which files that refer to each other's records run, and the rows of a file that refer to records of its
 * own later rows. In this application's own schema a lookup's records are its target's type; in a remote target's,
 * they are the records its overlay's {@code create} mutation makes.
 */
@ApplicationScoped
public class EntityReferences {

    @Inject
    LookupResolver lookups;

    @Inject
    RemoteLookups remoteLookups;

    @Inject
    TemplateCatalog templates;

    /** The type of the records the template's rows create (a create or an upsert), such as {@code Product}. */
    public Optional<String> created(ImportTemplate template) {
        return template.writeKind() == WriteKind.CREATE || template.writeKind() == WriteKind.UPSERT
                ? Optional.of(template.entity())
                : Optional.empty();
    }

    /** The type of the records a lookup column refers to; empty when the schema does not say. */
    public Optional<String> referred(ImportTemplate template, TemplateColumn column) {
        if (column.lookup() == null) {
            return Optional.empty();
        }
        if (template.remote()) {
            return remoteLookups.creatingMutation(template, column.reference())
                    .flatMap(mutation -> templates.byName(template.target() + "." + mutation))
                    .map(ImportTemplate::entity);
        }
        return lookups.nouns(column.lookup()).map(LookupResolver.LookupNouns::recordType);
    }

    /** The references of the template's lookup columns that refer to the records the template itself creates. */
    public List<String> ownLookups(ImportTemplate template) {
        Optional<String> own = created(template);
        if (own.isEmpty()) {
            return List.of();
        }
        return template.columns().stream().filter(column -> referred(template, column).filter(own.get()::equals)
                .isPresent()).map(TemplateColumn::reference).toList();
    }
}
