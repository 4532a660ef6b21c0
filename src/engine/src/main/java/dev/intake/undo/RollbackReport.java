package dev.intake.undo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The rollback results file: every row the import committed, with its record's ID, what the rollback did with it
 * (UNDONE, KEPT or FAILED, or NOT_REACHED while the rollback runs or after it was cancelled) and why.
 */
@ApplicationScoped
public class RollbackReport {

    /** The file's header row. */
    static final String[] HEADER = {"Row", "Record ID", "Result", "Why"};

    @Inject
    UndoStore undos;

    public void write(UUID batchId, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
        for (UndoStore.RowUndo row : QuarkusTransaction.requiringNew().call(() -> undos.results(batchId))) {
            printer.printRecord(row.rowNumber(), row.entityId(), row.result() == null ? "NOT_REACHED"
                    : row.result().name(), row.reason() == null ? "" : row.reason());
        }
        printer.flush();
    }
}
