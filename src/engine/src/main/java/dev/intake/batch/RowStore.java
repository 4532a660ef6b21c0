package dev.intake.batch;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import dev.intake.db.CopyBinary;
import dev.intake.db.Jdbc;
import dev.intake.db.StoreException;

/** Data rows staged from uploaded files. */
@ApplicationScoped
public class RowStore {

    private static final int COPY_BUFFER_BYTES = 256 * 1024;

    @Inject
    Jdbc jdbc;

    /**
     * Starts staging rows of a batch with one COPY that streams for as long as rows come, so PostgreSQL stores
     * rows while the next ones are read. Call {@link Stager#finish()} to end it. Until then the transaction's
     * connection is busy with the COPY: nothing else may use it.
     */
    public Stager stager(UUID batchId) {
        return new Stager(batchId);
    }

    /** Streams rows into one binary COPY, a buffer at a time. */
    public final class Stager {
        private final UUID batchId;
        private PGCopyOutputStream copy;
        private CopyBinary out;
        private int staged;

        private Stager(UUID batchId) {
            this.batchId = batchId;
        }

        public void add(long rowNumber, List<String> cells, String parseError, String problemField) {
            try {
                if (out == null) {
                    start();
                }
                out.row(5);
                out.uuid(batchId);
                out.int4(Math.toIntExact(rowNumber));
                out.textArray(cells);
                out.text(parseError);
                out.text(problemField);
            } catch (IOException e) {
                throw CopyBinary.failure(e);
            }
            staged++;
        }

        /** Sends what is buffered and ends the COPY; returns how many rows were staged in all. */
        public int finish() {
            if (out != null) {
                try {
                    out.trailer();
                    copy.endCopy();
                } catch (IOException e) {
                    throw CopyBinary.failure(e);
                } catch (SQLException e) {
                    throw new StoreException(e);
                }
            }
            return staged;
        }

        /** Abandons the COPY, when the file turns out wrong part-way; the transaction then rolls back. */
        public void abort() {
            if (copy != null && copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    throw new StoreException(e);
                }
            }
        }

        private void start() throws IOException {
            copy = jdbc.withConnection(connection -> new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                    "copy intake.import_row (batch_id, row_number, cells, parse_error, problem_field) from stdin (format binary)"));
            // buffered before pgJDBC's stream: DataOutputStream writes a number a byte at a time
            out = new CopyBinary(new DataOutputStream(new BufferedOutputStream(copy, COPY_BUFFER_BYTES)));
            out.header();
        }

    }

    /**
     * The rows of a range that have no outcome yet, in file order. The outcomes are read for the same range in an
     * uncorrelated subquery, so each side is one bounded index range whatever the planner believes. Written as
     * {@code not exists}, the query became an anti-join that, with statistics taken before the batch had
     * outcomes, scanned every outcome of the batch once per row: a chunk late in a 1M-row file took 50 s.
     */
    public List<StagedRow> withoutOutcome(UUID batchId, long firstRow, long lastRow) {
        return jdbc.list("""
                select r.row_number, r.cells, r.parse_error, r.problem_field from intake.import_row r
                where r.batch_id = ? and r.row_number between ? and ?
                  and r.row_number not in (select o.row_number from intake.import_outcome o
                                           where o.batch_id = ? and o.row_number between ? and ?)
                order by r.row_number
                """, row -> new StagedRow(row.getLong("row_number"), cells(row.getArray("cells")),
                row.getString("parse_error"), row.getString("problem_field")), batchId, firstRow, lastRow, batchId, firstRow, lastRow);
    }

    /** A staged row with its outcome, which is {@code null} while the row has not run. */
    public record RowWithOutcome(StagedRow row, RowOutcome outcome) {
    }

    /** What to do with each row of a report. */
    @FunctionalInterface
    public interface RowSink {
        void accept(RowWithOutcome row) throws IOException;
    }

    /**
     * Streams a batch's staged rows in file order with their outcomes, reading a thousand rows at a time; must
     * run inside a transaction, which PostgreSQL needs for a cursor. Each row's outcome is one primary-key probe
     * (the {@code limit} keeps the lateral subquery from being flattened into a join), so the cost stays
     * proportional to the rows even when the statistics predate the batch's outcomes.
     */
    public void forEachWithOutcome(UUID batchId, boolean failuresOnly, RowSink sink) {
        String sql = """
                select r.row_number, r.cells, r.parse_error, r.problem_field, o.success, o.entity_id, o.action, o.error_type, o.field, o.message
                from intake.import_row r
                left join lateral (select * from intake.import_outcome x
                                   where x.batch_id = r.batch_id and x.row_number = r.row_number limit 1) o on true
                where r.batch_id = ?
                """ + (failuresOnly ? " and o.success = false" : "") + " order by r.row_number";
        jdbc.withConnection(connection -> {
            try (PreparedStatement statement = Jdbc.prepare(connection, sql, batchId)) {
                statement.setFetchSize(1000);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(new RowWithOutcome(
                                new StagedRow(rows.getLong("row_number"), cells(rows.getArray("cells")),
                                        rows.getString("parse_error"), rows.getString("problem_field")),
                                outcome(rows)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    private static RowOutcome outcome(ResultSet row) throws SQLException {
        boolean success = row.getBoolean("success");
        if (row.wasNull()) {
            return null;
        }
        String type = row.getString("error_type");
        String action = row.getString("action");
        return new RowOutcome(row.getLong("row_number"), success, row.getString("entity_id"),
                action == null ? null : RowAction.valueOf(action), type == null ? null : RowErrorType.valueOf(type),
                row.getString("field"), row.getString("message"));
    }

    static List<String> cells(Array array) throws SQLException {
        String[] values = (String[]) array.getArray();
        return List.of(values);
    }
}
