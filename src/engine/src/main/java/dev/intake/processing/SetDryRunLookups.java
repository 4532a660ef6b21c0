package dev.intake.processing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.batch.BatchStore;
import dev.intake.batch.ImportBatch;
import dev.intake.db.Jdbc;
import dev.intake.file.FileLayout;
import dev.intake.order.EntityReferences;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.TemplateColumn;

/**
 * A set's dry run commits nothing, so a file's lookups cannot find the records an earlier file of the set would
 * create. Before such a file's dry run ends, its rows that failed with LOOKUP on a value an earlier file of the set
 * holds in the column its records are found by (an account's name, for a contact's account) pass, saying so: they
 * are checked only when the set runs. Rows naming anything else still fail.
 */
@ApplicationScoped
class SetDryRunLookups {

    @Inject
    BatchStore batches;

    @Inject
    TemplateCatalog templates;

    @Inject
    EntityReferences references;

    @Inject
    Jdbc jdbc;

    /** In the transaction that ends the dry run; answers how many rows now pass. */
    int deferToTheSet(ImportBatch batch) {
        List<UUID> earlier = batch.dryRun() ? batches.waitsFor(batch.id()) : List.of();
        Optional<ImportTemplate> template = templates.byName(batch.template(), batch.organisation());
        Optional<FileLayout> layout = batches.layout(batch.id());
        if (earlier.isEmpty() || template.isEmpty() || layout.isEmpty()) {
            return 0;
        }
        int deferred = 0;
        for (UUID id : earlier) {
            ImportBatch before = batches.find(id).orElseThrow();
            Optional<ImportTemplate> creator = templates.byName(before.template(), before.organisation());
            Optional<FileLayout> creatorLayout = batches.layout(id);
            Optional<String> created = creator.flatMap(references::created);
            if (created.isEmpty() || creatorLayout.isEmpty()) {
                continue;
            }
            for (TemplateColumn column : template.get().columns()) {
                if (!references.referred(template.get(), column).equals(created)) {
                    continue;
                }
                int cell = index(layout.get(), column.reference());
                int creatorCell = creator.get().columns().stream()
                        .filter(other -> other.fieldName().equals(column.lookup().field()) && other.path().size() == 2)
                        .findFirst().map(other -> index(creatorLayout.get(), other.reference())).orElse(-1);
                if (cell < 0 || creatorCell < 0) {
                    continue;
                }
                deferred += jdbc.update("""
                        update intake.import_outcome o set success = true, error_type = null, field = null,
                            message = 'Names a record that ' || ? || ' creates: checked only when the set runs'
                        from intake.import_row r
                        where o.batch_id = ? and not o.success and o.error_type = 'LOOKUP' and o.field = ?
                          and r.batch_id = o.batch_id and r.row_number = o.row_number
                          and exists (select 1 from intake.import_row e where e.batch_id = ?
                                      and btrim(e.cells[?]) = btrim(r.cells[?]))
                        """, before.filename(), batch.id(), column.reference(), id, creatorCell + 1, cell + 1);
            }
        }
        if (deferred > 0) {
            jdbc.update("""
                    update intake.import_chunk c set (success_count, error_count) = (
                        select count(*) filter (where success), count(*) filter (where not success)
                        from intake.import_outcome o
                        where o.batch_id = c.batch_id and o.row_number between c.first_row and c.last_row)
                    where c.batch_id = ?
                    """, batch.id());
        }
        return deferred;
    }

    private static int index(FileLayout layout, String reference) {
        for (int f = 0; f < layout.fileColumns().size(); f++) {
            if (reference.equals(layout.fileColumns().get(f).reference())) {
                return f;
            }
        }
        return -1;
    }
}
