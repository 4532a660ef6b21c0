package dev.intake.target;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

import dev.intake.template.ImportTemplate;

/** Rows running as one uploader: one at a time, or a group in one operation where the target allows it. */
public interface RowSession extends AutoCloseable {

    /** Runs one row's mutation: its result value, or the errors it ended with. */
    RowResult run(ImportTemplate template, Map<String, Object> variables);

    /**
     * Runs a group of rows in one operation, telling {@code rowStarts} the index of each row as it starts. Empty when
     * the operation was refused as a whole before any row ran (a variable that does not fit its type): run those rows
     * one at a time to find the one at fault.
     *
     * @throws IllegalStateException when an error names no row although rows ran, or the result is lost
     */
    Optional<List<RowResult>> runAll(ImportTemplate template, List<Map<String, Object>> rows, IntConsumer rowStarts);

    /**
     * Runs a read-only operation (a query named {@code Import}) as the session's user: the records it reads, by their
     * result keys, or its errors.
     */
    RowResult query(String document, Map<String, Object> variables);

    @Override
    void close();
}
