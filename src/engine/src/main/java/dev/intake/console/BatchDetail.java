package dev.intake.console;

import dev.intake.batch.ImportBatch;
import dev.intake.undo.UndoCounts;
import dev.intake.undo.UndoStore;

/**
 * One batch on its detail page: the stored batch, and its row as the history shows it (status word, badge,
 * progress), so both pages say the same thing the same way.
 */
public record BatchDetail(ImportBatch batch, BatchRow row, UndoStore.Preview preview) {

    static BatchDetail of(ImportBatch batch) {
        return new BatchDetail(batch, BatchRow.of(batch), null);
    }

    /** The batch with its latest rollback check (a rollback's dry run), or {@code null} when it has none. */
    static BatchDetail of(ImportBatch batch, UndoStore.Preview preview) {
        return new BatchDetail(batch, BatchRow.of(batch), preview);
    }

    /** Whether a rollback check still runs, so that the summary follows it. */
    public boolean previewRunning() {
        return preview != null && preview.running();
    }

    /** What the rollback check found, or how far it got, in a sentence. */
    public String previewText() {
        if (preview == null) {
            return "";
        }
        UndoCounts counts = preview.counts();
        if (preview.running()) {
            return "Checking what a rollback would do: " + counts.done() + " of " + counts.committed() + " rows checked.";
        }
        return "Rollback check by " + preview.by() + ": a rollback would undo " + counts.undone() + " of "
                + counts.committed() + (counts.committed() == 1 ? " row" : " rows")
                + (counts.kept() > 0 ? ", keep " + counts.kept() : "")
                + (counts.failed() > 0 ? ", fail " + counts.failed() : "") + ". Nothing was changed.";
    }

    /** How the file was read, such as {@code CSV, semicolon-separated} or {@code Excel workbook}. */
    public String formatText() {
        return switch (batch.format()) {
            case CSV -> "CSV, " + batch.readOptions().delimiterName() + "-separated"
                    + (batch.readOptions().separatorLine() ? ", with a sep= line" : "");
            case NDJSON -> "NDJSON, one JSON object per line";
            case XLSX -> "Excel workbook" + (batch.readOptions().sheet() == null ? ", first sheet"
                    : ", sheet " + batch.readOptions().sheet());
        };
    }

    /** The file's size as people read it, such as {@code 2.4 MB}. */
    public String size() {
        long bytes = batch.fileSize();
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    /** Whether an admin can decide what became of the batch's rows whose outcome is unknown: it has ended with some. */
    public boolean unknownToResolve() {
        return batch.unknownCount() > 0 && (batch.status() == dev.intake.batch.BatchStatus.PARTIAL_SUCCESS
                || batch.status() == dev.intake.batch.BatchStatus.FAILED
                || batch.status() == dev.intake.batch.BatchStatus.CANCELLED);
    }

    /** Whether those rows can be sent again: not for a cancelled batch. */
    public boolean unknownCanBeSentAgain() {
        return unknownToResolve() && batch.status() != dev.intake.batch.BatchStatus.CANCELLED;
    }

    public String base() {
        return row.base();
    }
}
