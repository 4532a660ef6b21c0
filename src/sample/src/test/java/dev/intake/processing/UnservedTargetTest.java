package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Instances of one deployment may configure different remote targets (a target added to some of them first). A
 * batch of a target this instance does not configure is left to an instance that does, at every step: validation,
 * its chunks, and its rollback. It does not fail here as if its template had left the schema.
 */
@QuarkusTest
class UnservedTargetTest {

    private static final String ADMIN = Tokens.of("una", "unserved", "import-admin", "accounts-writer");
    private static final String ELSEWHERE = "elsewhere.createAccount";

    @Inject
    ImportWorker worker;

    @Inject
    DataSource database;

    @Test
    void batches_of_a_target_that_this_instance_does_not_configure_wait_for_an_instance_that_does() throws Exception {
        String original = upload("Original");
        Imports.finish(worker, ADMIN, original);
        // as another instance, which configures the target "elsewhere", leaves them: waiting for validation, with a
        // chunk to run, and with a chunk to roll back
        UUID pending = copy(original, "PENDING");
        UUID processing = copy(original, "PROCESSING");
        execute("insert into intake.import_chunk (batch_id, seq, first_row, last_row, row_count, status) values ('"
                + processing + "', 0, 1, 3, 3, 'PENDING')");
        UUID rollingBack = copy(original, "ROLLING_BACK");
        execute("insert into intake.import_undo_chunk (batch_id, seq, first_row, last_row, status, dry_run) values ('"
                + rollingBack + "', 0, 1, 3, 'PENDING', false)");
        try {
            // this instance's worker runs a batch uploaded after them, then looks for more work until it finds none
            String later = upload("Later");
            Imports.finish(worker, ADMIN, later);
            for (int step = 0; step < 5; step++) {
                worker.runOnce();
            }

            assertEquals("COMPLETED", Imports.batch(ADMIN, later).getString("status"));
            assertEquals("PENDING", text("select status from intake.import_batch where id = '" + pending + "'"));
            assertEquals("PROCESSING", text("select status from intake.import_batch where id = '" + processing + "'"));
            assertEquals("PENDING", text("select status from intake.import_chunk where batch_id = '" + processing
                    + "'"), "its chunk was not claimed");
            assertEquals("ROLLING_BACK", text("select status from intake.import_batch where id = '" + rollingBack
                    + "'"));
            assertEquals("PENDING", text("select status from intake.import_undo_chunk where batch_id = '"
                    + rollingBack + "'"), "its rollback's chunk was not claimed");
        } finally {
            execute("delete from intake.import_undo_chunk where batch_id = '" + rollingBack + "'");
            execute("delete from intake.import_chunk where batch_id = '" + processing + "'");
            execute("delete from intake.import_batch where id in ('" + pending + "', '" + processing + "', '"
                    + rollingBack + "')");
        }
    }

    private static String upload(String prefix) {
        String csv = "name\r\n" + UniqueNames.of(prefix) + " 1\r\n" + UniqueNames.of(prefix) + " 2\r\n"
                + UniqueNames.of(prefix) + " 3\r\n";
        return Imports.upload(ADMIN, "createAccount", prefix + ".csv", csv.getBytes()).then().statusCode(202)
                .extract().path("id");
    }

    /** A copy of the batch, for the target "elsewhere", in the status given and with content of its own. */
    private UUID copy(String batch, String status) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists copied");
            statement.execute("create temp table copied as select * from intake.import_batch where id = '" + batch
                    + "'");
            statement.execute("update copied set id = '" + id + "', template = '" + ELSEWHERE + "', status = '" + status
                    + "', sha256 = md5(random()::text), lease_owner = null, lease_expires_at = null");
            statement.execute("insert into intake.import_batch select * from copied");
            statement.execute("drop table copied");
        }
        return id;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String text(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                sql); ResultSet result = select.executeQuery()) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
