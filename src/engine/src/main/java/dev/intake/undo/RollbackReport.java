package dev.intake.undo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The rollback results file: every row the import committed, with its record's ID, what the rollback did with it
 * (UNDONE, KEPT or FAILED, or NOT_REACHED while the rollback runs or after it was cancelled), for a row kept or failed
 * the kind of reason (CONFLICT for a record changed since or referred to, NOT_FOUND for one gone, and the undo
 * mutation's own error types), and why; and a rollback
 * dry run's, of the same shape, with what a rollback would do.
 */
@ApplicationScoped
public class RollbackReport {

    /** The file's header row. */
    static final String[] HEADER = {"Row", "Record ID", "Result", "Error Type", "Why"};

    @Inject
    UndoStore undos;

    /** A dry run's file: the rows a rollback would undo, and whether each would be UNDONE, KEPT or FAILED. */
    static final String[] PREVIEW_HEADER = {"Row", "Record ID", "Would be", "Error Type", "Why"};

    public void write(UUID batchId, OutputStream out) throws IOException {
        write(QuarkusTransaction.requiringNew().call(() -> undos.results(batchId)), HEADER, out);
    }

    public void writePreview(UUID batchId, OutputStream out) throws IOException {
        write(QuarkusTransaction.requiringNew().call(() -> undos.previewResults(batchId)), PREVIEW_HEADER, out);
    }

    private static void write(List<UndoStore.RowUndo> rows, String[] header, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header).get());
        for (UndoStore.RowUndo row : rows) {
            printer.printRecord(row.rowNumber(), row.entityId(), row.result() == null ? "NOT_REACHED"
                    : row.result().name(), row.errorType() == null ? "" : row.errorType(), row.reason() == null ? ""
                            : row.reason());
        }
        printer.flush();
    }
}
