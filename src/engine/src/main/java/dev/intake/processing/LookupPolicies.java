package dev.intake.processing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.intake.error.LookupFailedException;
import dev.intake.file.FileLayout;
import dev.intake.file.LookupPolicy;
import dev.intake.file.Values;
import dev.intake.target.LookupResolver;
import dev.intake.target.RowFailure;
import dev.intake.template.LookupField;
import dev.intake.template.RecordCreator;
import dev.intake.template.TemplateColumn;

/**
 * What a batch's mapping says to do when a lookup cell matches no record, applied to a row just before it runs:
 * {@code blank} leaves the field out of the row's variables, {@code create} names the records to create first;
 * {@code fail} and {@code map} leave the row to its mutation, and only name themselves in its lookup error.
 */
final class LookupPolicies {

    /**
     * A lookup column and its policy; the creator only under {@code create}.
     *
     * @param noun how messages name one of its records, such as {@code category}
     */
    private record Column(TemplateColumn column, LookupPolicy policy, RecordCreator creator, String noun) {
    }

    /** A record to create before the row runs, from its cell's value. */
    record Creation(TemplateColumn column, RecordCreator creator, String value, String noun) {

        String note() {
            return "Created " + noun + " '" + Values.shorten(value) + "' (" + LookupPolicy.CREATE.phrase() + ")";
        }
    }

    /**
     * What the row runs with: its variables (without the fields {@code blank} left out), the records to create first,
     * and notes for the results file.
     */
    record Decision(Map<String, Object> variables, List<Creation> creations, List<String> notes) {
    }

    private final LookupResolver lookups;
    private final String organisation;
    private final List<Column> acting = new ArrayList<>();
    private final Map<String, LookupPolicy> byReference;

    /**
     * @param creators the create mutation of a lookup column's records, empty when there is none (its rows then
     *        fail as under {@code fail})
     */
    LookupPolicies(FileLayout layout, LookupResolver lookups, String organisation,
            java.util.function.Function<TemplateColumn, Optional<RecordCreator>> creators) {
        this.lookups = lookups;
        this.organisation = organisation;
        this.byReference = layout.lookupPolicies();
        for (TemplateColumn column : layout.templateColumns()) {
            LookupPolicy policy = layout.lookupPolicy(column.reference());
            if (column.lookup() == null || policy == null) {
                continue;
            }
            String noun = lookups.nouns(column.lookup()).map(LookupResolver.LookupNouns::singular)
                    .orElse(column.lookup().entity());
            if (policy == LookupPolicy.BLANK && !column.required()) {
                acting.add(new Column(column, policy, null, noun));
            } else if (policy == LookupPolicy.CREATE) {
                creators.apply(column).ifPresent(creator -> acting.add(new Column(column, policy, creator, noun)));
            }
        }
    }

    /** Whether any column's policy acts on rows before they run. */
    boolean acting() {
        return !acting.isEmpty();
    }

    /**
     * Whether every acting lookup cell of the row names an existing record, so it runs as it is, and may share an
     * operation with other rows.
     */
    boolean allMatch(PreparedRow row) {
        for (Column column : acting) {
            if (LookupPrefetch.valueAt(row.variables(), column.column().path()) instanceof String value && !matches(column, value)) {
                return false;
            }
        }
        return true;
    }

    /** What the row runs with, decided now: call it just before the row runs, after the rows before it. */
    Decision decide(PreparedRow row) {
        Map<String, Object> variables = row.variables();
        List<Creation> creations = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Column column : acting) {
            if (!(LookupPrefetch.valueAt(variables, column.column().path()) instanceof String value) || matches(column, value)) {
                continue;
            }
            if (column.policy() == LookupPolicy.BLANK) {
                variables = without(variables, column.column().path());
                notes.add("Left out " + column.column().reference() + ": no " + column.noun() + " matched '" + Values.shorten(value) + "' (" + LookupPolicy.BLANK.phrase() + ")");
            } else {
                creations.add(new Creation(column.column(), column.creator(), value, column.noun()));
            }
        }
        return new Decision(variables, creations, notes);
    }

    /**
     * Whether the value names a record now, after waiting for any other transaction creating the same value: until
     * this transaction ends, no other creates it. An ambiguous value counts, and its row's mutation says so.
     */
    boolean lockAndMatch(Creation creation) {
        LookupField lookup = creation.column().lookup();
        try {
            return lookups.lockAndMatch(lookup, organisation, creation.column().reference(), creation.value());
        } catch (LookupFailedException ambiguous) {
            return true;
        }
    }

    private boolean matches(Column column, String value) {
        try {
            return lookups.matches(column.column().lookup(), organisation, column.column().reference(), value);
        } catch (LookupFailedException ambiguous) {
            return true;
        }
    }

    /** A row's lookup failure, saying which policy applied to its column. */
    RowFailure explain(RowFailure failure) {
        LookupPolicy policy = failure.field() == null ? null : byReference.get(failure.field());
        if (failure.type() != dev.intake.batch.RowErrorType.LOOKUP || policy == null) {
            return failure;
        }
        String why = switch (policy) {
            case MAP -> policy.phrase() + ": no value map names it";
            case BLANK -> policy.phrase() + ", but several records match";
            case CREATE -> policy.phrase() + ", but several records match";
            case FAIL -> policy.phrase();
        };
        return new RowFailure(failure.type(), failure.field(), failure.detail() + " (" + why + ")", failure.ownFault());
    }

    /** A copy of the variables without the value at the path; the row's own variables stay as they are. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> without(Map<String, Object> variables, List<String> path) {
        Map<String, Object> copy = new LinkedHashMap<>(variables);
        if (path.size() == 1) {
            copy.remove(path.get(0));
        } else if (copy.get(path.get(0)) instanceof Map<?, ?> level) {
            copy.put(path.get(0), without((Map<String, Object>) level, path.subList(1, path.size())));
        }
        return copy;
    }
}
