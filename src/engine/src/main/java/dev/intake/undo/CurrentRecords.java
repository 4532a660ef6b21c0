package dev.intake.undo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.intake.target.RowSession;
import dev.intake.template.Undo;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The records of a rollback chunk's rows as they are now, read a group at a time (as many as an operation takes) just
 * before the group's rows are undone: one query for 50 rows instead of one each. Only rows whose record after the
 * import was kept are read; they are the ones a rollback compares. A read that fails is told apart from a record that
 * is gone: those rows are not undone.
 */
final class CurrentRecords {

    private final RecordImages reader;
    private final List<UndoStore.CommittedRow> rows;
    private final Map<Long, RowImage> kept;
    private final int perOperation;
    private final Map<Long, Map<String, Object>> read = new HashMap<>();
    private String failure;

    CurrentRecords(Undo undo, RowSession session, List<UndoStore.CommittedRow> rows, Map<Long, RowImage> kept,
            int perOperation) {
        this.reader = undo.reading().isPresent() ? new RecordImages(undo, session, perOperation) : null;
        this.rows = rows;
        this.kept = kept;
        this.perOperation = perOperation;
    }

    /** The row's record now; {@code null} when it is gone, or when it is not compared. */
    Map<String, Object> now(UndoStore.CommittedRow row) {
        if (reader == null || !compared(row)) {
            return null;
        }
        if (!read.containsKey(row.rowNumber())) {
            // this row starts a group: it and the rows after it, up to an operation's worth
            read.clear();
            failure = null;
            Map<Long, String> group = new LinkedHashMap<>();
            for (int next = rows.indexOf(row); next < rows.size() && group.size() < perOperation; next++) {
                UndoStore.CommittedRow ahead = rows.get(next);
                if (compared(ahead)) {
                    group.put(ahead.rowNumber(), ahead.entityId());
                }
            }
            try {
                Map<Long, Map<String, Object>> found = QuarkusTransaction.requiringNew().call(() -> reader
                        .readOrFail(group));
                group.keySet().forEach(number -> read.put(number, found.get(number)));
            } catch (RecordImages.ReadFailed e) {
                failure = e.getMessage();
                group.keySet().forEach(number -> read.put(number, null));
            }
        }
        return read.get(row.rowNumber());
    }

    /** Why the row's record could not be read now, or {@code null} when it was read (or is not compared). */
    String failure(UndoStore.CommittedRow row) {
        return compared(row) && read.containsKey(row.rowNumber()) ? failure : null;
    }

    private boolean compared(UndoStore.CommittedRow row) {
        RowImage image = kept.get(row.rowNumber());
        return image != null && image.after() != null && row.entityId() != null;
    }
}
