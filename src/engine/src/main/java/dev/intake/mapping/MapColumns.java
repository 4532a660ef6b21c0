package dev.intake.mapping;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.WorkQueued;
import dev.intake.error.ConflictException;
import dev.intake.error.InvalidValueException;
import dev.intake.file.CellValues;
import dev.intake.file.ColumnNames;
import dev.intake.file.LookupPolicy;
import dev.intake.remote.RemoteLookups;
import dev.intake.security.Uploader;
import dev.intake.target.LookupResolver;
import dev.intake.template.ImportTemplate;
import dev.intake.template.RecordCreator;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.TemplateColumn;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Sets the mapping of a batch waiting in MAPPING, checks it (known fields, one column per field, every required
 * field covered, every column decided), remembers it for the organisation, and sends the batch back to
 * VALIDATING, where its file is staged with that mapping.
 */
@ApplicationScoped
public class MapColumns {

    @Inject
    BatchStore batches;

    @Inject
    MappingStore mappings;

    @Inject
    TemplateCatalog templates;

    @Inject
    RemoteLookups remoteLookups;

    @Inject
    LookupResolver lookups;

    @Inject
    Clock clock;

    @Inject
    Event<WorkQueued> workQueued;

    public void map(ImportBatch batch, List<MappingChoice> choices, boolean save, String actor) {
        QuarkusTransaction.requiringNew().run(() -> {
            BatchStatus status = batches.lockStatus(batch.id()).orElseThrow();
            if (status != BatchStatus.MAPPING) {
                throw new ConflictException("id", "The batch is " + status
                        + "; only a batch waiting in MAPPING can have its columns mapped");
            }
            MappingProposal proposal = mappings.proposal(batch.id()).orElseThrow();
            ImportTemplate template = templates.byName(batch.template(), batch.organisation()).orElseThrow(
                    () -> new ConflictException("id", "The template " + batch.template() + " is no longer in the schema"));
            List<String> fields = fields(proposal, choices, template);
            Map<String, Map<String, String>> valueMaps = valueMaps(proposal, choices, fields, template);
            Map<String, LookupPolicy> policies = lookupPolicies(proposal, choices, fields, template,
                    column -> template.remote() ? remoteCreatorProblem(template, column) : creatorProblem(batch, column));
            checkLookupTargets(batch, proposal, choices, fields, template, policies);
            ColumnMapping mapping = new ColumnMapping(fields, valueMaps, policies, "person", actor);
            batches.resumeWithMapping(batch.id(), mappings.write(mapping), clock.instant(), actor);
            List<String> headers = proposal.columns().stream().map(ColumnProposal::header).toList();
            mappings.remember(batch.organisation(), template.name(), headers, mapping, batch.id(), actor,
                    clock.instant(), save);
        });
        workQueued.fire(new WorkQueued(batch.id()));
    }

    /** Each column's field: the person's choice, else the proposal; throws naming every column at fault. */
    static List<String> fields(MappingProposal proposal, List<MappingChoice> choices, ImportTemplate template) {
        List<ColumnProposal> columns = proposal.columns();
        List<String> fields = new ArrayList<>();
        List<Boolean> decided = new ArrayList<>();
        for (ColumnProposal column : columns) {
            fields.add(column.reference());
            decided.add(column.reference() != null || column.ignored() || column.header().isBlank());
        }
        List<String> problems = new ArrayList<>();
        for (MappingChoice choice : choices) {
            int index = choice.column() - 1;
            if (index < 0 || index >= columns.size()) {
                problems.add("there is no column " + choice.column() + "; the file has " + columns.size());
                continue;
            }
            if (choice.ignore()) {
                fields.set(index, null);
            } else if (choice.field() == null && columns.get(index).reference() != null) {
                fields.set(index, columns.get(index).reference());
            } else if (choice.field() == null || template.column(choice.field()).isEmpty()) {
                problems.add(describe(columns.get(index)) + ": '" + choice.field() + "' is not a field of "
                        + template.name() + "; expected one of " + String.join(", ",
                                template.columns().stream().map(TemplateColumn::reference).toList()) + ", or ignore");
                continue;
            } else {
                fields.set(index, choice.field());
            }
            decided.set(index, true);
        }
        Map<String, Integer> holder = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            if (!decided.get(i)) {
                problems.add(describe(columns.get(i)) + " is neither mapped to a field nor ignored");
            }
            if (fields.get(i) == null) {
                continue;
            }
            Integer earlier = holder.putIfAbsent(fields.get(i), i);
            if (earlier != null) {
                problems.add(describe(columns.get(earlier)) + " and " + describe(columns.get(i)) + " both map to "
                        + fields.get(i));
            }
        }
        for (TemplateColumn column : template.columns()) {
            if (column.required() && !holder.containsKey(column.reference())) {
                problems.add("no column maps to the required field " + column.label() + " (" + column.reference() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidValueException("input", "The mapping is not complete: " + String.join("; ", problems));
        }
        return fields;
    }

    /**
     * The value maps of the choices, by the field their column fills; each target must be a value the field
     * accepts. Throws naming the column and value at fault.
     */
    static Map<String, Map<String, String>> valueMaps(MappingProposal proposal, List<MappingChoice> choices,
            List<String> fields, ImportTemplate template) {
        Map<String, Map<String, String>> maps = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (MappingChoice choice : choices) {
            int index = choice.column() - 1;
            String field = fields.get(index);
            if (choice.values().isEmpty() || field == null) {
                continue;
            }
            TemplateColumn column = template.column(field).orElseThrow();
            choice.values().forEach((from, to) -> {
                if (to == null || !CellValues.accepts(column, to)) {
                    problems.add(describe(proposal.columns().get(index)) + ": '" + from + "' maps to '" + to
                            + "', which " + field + " does not accept" + (column.allowedValues().isEmpty() ? ""
                                    : "; expected one of " + String.join(", ", column.allowedValues())));
                }
            });
            maps.put(field, choice.values());
        }
        if (!problems.isEmpty()) {
            throw new InvalidValueException("input", "The value maps are not right: " + String.join("; ", problems));
        }
        return maps;
    }

    /**
     * The lookup policies of the choices, by the field their column fills; each must fit its field. Throws naming
     * the column and policy at fault.
     *
     * @param creatorProblem why a lookup field's records cannot be created from a value, empty when they can
     */
    static Map<String, LookupPolicy> lookupPolicies(MappingProposal proposal, List<MappingChoice> choices,
            List<String> fields, ImportTemplate template, Function<TemplateColumn, Optional<String>> creatorProblem) {
        Map<String, LookupPolicy> policies = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (MappingChoice choice : choices) {
            int index = choice.column() - 1;
            LookupPolicy policy = choice.lookupPolicy();
            if (policy == null) {
                continue;
            }
            String name = describe(proposal.columns().get(index));
            TemplateColumn column = fields.get(index) == null ? null : template.column(fields.get(index)).orElseThrow();
            if (column == null || column.lookup() == null) {
                problems.add(name + ": a lookup policy is only for a column that fills a lookup field"
                        + (column == null ? "" : "; " + column.reference() + " is " + column.type().label()));
                continue;
            }
            switch (policy) {
                case BLANK -> {
                    if (column.required()) {
                        problems.add(name + ": blank would leave out " + column.reference()
                                + ", which is required; choose fail, create or map");
                    }
                }
                case CREATE -> creatorProblem.apply(column)
                        .ifPresent(problem -> problems.add(name + ": create is not possible: " + problem));
                case MAP -> {
                    if (choice.values().isEmpty()) {
                        problems.add(name + ": map needs value maps that name existing " + column.lookup().entity());
                    }
                }
                case FAIL -> {
                }
            }
            policies.put(column.reference(), policy);
        }
        if (!problems.isEmpty()) {
            throw new InvalidValueException("input", "The lookup policies are not right: " + String.join("; ", problems));
        }
        return policies;
    }

    /** Why a remote target's records of a lookup column cannot be created; empty when its overlay says how. */
    private Optional<String> remoteCreatorProblem(ImportTemplate template, TemplateColumn column) {
        return remoteLookups.creates(template, column.reference()) ? Optional.empty()
                : Optional.of("the overlay of target " + template.target() + " says no way to create a record of "
                        + column.reference() + " (its lookup's create)");
    }

    /** Why the uploader's rows cannot create the records a lookup column refers to; empty when they can. */
    private Optional<String> creatorProblem(ImportBatch batch, TemplateColumn column) {
        Optional<String> type = lookups.nouns(column.lookup()).map(LookupResolver.LookupNouns::recordType);
        if (type.isEmpty()) {
            return Optional.of("Intake does not know the records of " + column.lookup().text());
        }
        RecordCreator creator;
        try {
            creator = RecordCreator.find(templates.all(batch.organisation()), type.get(), column.lookup().field());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        String role = creator.template().requiredRole();
        if (role != null && !batch.createdByRoles().contains(role)) {
            return Optional.of("the uploader " + batch.createdBy() + " lacks the role " + role + " that "
                    + creator.template().name() + " requires");
        }
        return Optional.empty();
    }

    /**
     * Checks that the value maps of lookup columns name existing records (under {@code create}, a value may map to
     * a record its rows will create).
     */
    private void checkLookupTargets(ImportBatch batch, MappingProposal proposal, List<MappingChoice> choices,
            List<String> fields, ImportTemplate template, Map<String, LookupPolicy> policies) {
        List<String> problems = new ArrayList<>();
        for (MappingChoice choice : choices) {
            String field = fields.get(choice.column() - 1);
            TemplateColumn column = field == null ? null : template.column(field).orElseThrow();
            if (column == null || column.lookup() == null || choice.values().isEmpty()
                    || policies.get(field) == LookupPolicy.CREATE) {
                continue;
            }
            Set<String> missing = template.remote()
                    ? remoteLookups.unmatched(template, field, new LinkedHashSet<>(choice.values().values()),
                            new Uploader(batch.createdBy(), batch.createdByRoles(), batch.organisation()))
                    : lookups.unmatched(column.lookup(), batch.organisation(),
                            new LinkedHashSet<>(choice.values().values()));
            choice.values().forEach((from, to) -> {
                if (missing.contains(to)) {
                    problems.add(describe(proposal.columns().get(choice.column() - 1)) + ": '" + from + "' maps to '"
                            + to + "', which matches no " + noun(column) + " by " + column.lookup().field());
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidValueException("input", "The value maps are not right: " + String.join("; ", problems));
        }
    }

    private String noun(TemplateColumn column) {
        return lookups.nouns(column.lookup()).map(LookupResolver.LookupNouns::singular).orElse(column.lookup().entity());
    }

    private static String describe(ColumnProposal column) {
        return ColumnNames.describe(column.index()) + " '" + column.header() + "'";
    }
}
