package dev.intake.processing;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.batch.BatchStore;
import dev.intake.batch.ImportBatch;
import dev.intake.config.WorkerIdentity;
import dev.intake.db.Jdbc;
import dev.intake.order.EntityReferences;
import dev.intake.template.TemplateCatalog;

/**
 * A file's second pass. A row may refer to a record that a later row of the same file creates, such as a contact's
 * manager listed further down: when it runs, the record does not exist yet and the row fails with LOOKUP. Once every
 * other row of the file has run, the rows that failed only with LOOKUP on a column that refers to the template's own
 * records run once more: their outcomes are forgotten and their chunks reopened, in the transaction that would
 * otherwise have ended the batch, so each row still gets exactly one outcome. A dry run commits no record, so it has
 * none.
 */
@ApplicationScoped
class SecondPass {

    @Inject
    BatchStore batches;

    @Inject
    TemplateCatalog templates;

    @Inject
    EntityReferences references;

    @Inject
    Jdbc jdbc;

    @Inject
    WorkerIdentity worker;

    @Inject
    Clock clock;

    /**
     * In the caller's transaction, holding the batch's lock with all its chunks done: reopens the chunks of the rows
     * that get a second pass; answers how many rows (0 when there is none, or the batch had its second pass).
     */
    int plan(ImportBatch batch) {
        if (batch.dryRun() || batches.secondPassRows(batch.id()).isPresent()) {
            return 0;
        }
        List<String> own = templates.byName(batch.template(), batch.organisation()).map(references::ownLookups)
                .orElse(List.of());
        if (own.isEmpty()) {
            return 0;
        }
        UUID id = batch.id();
        Integer[] rows = jdbc.list("""
                delete from intake.import_outcome
                where batch_id = ? and not success and error_type = 'LOOKUP' and field = any (?)
                returning row_number
                """, row -> row.getInt("row_number"), id, own.toArray(String[]::new)).toArray(Integer[]::new);
        batches.markSecondPass(id, rows.length, clock.instant(), worker.name());
        if (rows.length == 0) {
            return 0;
        }
        // a chunk's counts are summed again from its rows' outcomes when it is done once more
        jdbc.update("""
                update intake.import_chunk c set status = 'PENDING', lease_owner = null, lease_expires_at = null,
                    finished_at = null
                where c.batch_id = ? and exists (select 1 from unnest(?::int[]) r (row_number)
                                                 where r.row_number between c.first_row and c.last_row)
                """, id, rows);
        return rows.length;
    }
}
