package dev.intake.batch;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Rows of a batch got their outcomes, in the transaction that fires this: observers that count them observe it after
 * the transaction succeeds, so rows rolled back are never counted.
 *
 * @param counts how many rows had each outcome: {@code success}, or the name of the error type
 */
public record OutcomesWritten(UUID batchId, Map<String, Integer> counts) {

    /** The outcome of a row that succeeded, beside the names of {@link RowErrorType}. */
    public static final String SUCCESS = "success";

    public OutcomesWritten {
        counts = Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    static OutcomesWritten of(UUID batchId, List<RowOutcome> outcomes) {
        Map<String, Integer> counts = new TreeMap<>();
        for (RowOutcome outcome : outcomes) {
            counts.merge(outcome.success() ? SUCCESS
                    : outcome.errorType() == null ? RowErrorType.INTERNAL.name() : outcome.errorType().name(), 1, Integer::sum);
        }
        return new OutcomesWritten(batchId, counts);
    }
}
