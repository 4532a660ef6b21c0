package dev.intake.batch;

import java.util.List;

/**
 * Outcomes as the seven arrays that {@code unnest(?::int[], ?::boolean[], ?::text[], ?::text[], ?::text[],
 * ?::text[], ?::text[])} reads into the columns of {@code import_outcome} after {@code batch_id}: row number, success,
 * entity ID, action, error type, field and message.
 */
final class OutcomeArrays {

    /** The unnest that reads the arrays, for a statement's text. */
    static final String UNNEST = "unnest(?::int[], ?::boolean[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])";

    private OutcomeArrays() {
    }

    /** The seven arrays, in the order of {@link #UNNEST}'s parameters. */
    static Object[] of(List<RowOutcome> outcomes) {
        int size = outcomes.size();
        Integer[] rows = new Integer[size];
        Boolean[] success = new Boolean[size];
        String[] entityIds = new String[size];
        String[] actions = new String[size];
        String[] errorTypes = new String[size];
        String[] fields = new String[size];
        String[] messages = new String[size];
        for (int i = 0; i < size; i++) {
            RowOutcome outcome = outcomes.get(i);
            rows[i] = Math.toIntExact(outcome.rowNumber());
            success[i] = outcome.success();
            entityIds[i] = outcome.entityId();
            actions[i] = outcome.action() == null ? null : outcome.action().name();
            errorTypes[i] = outcome.errorType() == null ? null : outcome.errorType().name();
            fields[i] = outcome.field();
            messages[i] = outcome.message();
        }
        return new Object[] { rows, success, entityIds, actions, errorTypes, fields, messages };
    }
}
