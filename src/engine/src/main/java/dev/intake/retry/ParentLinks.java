package dev.intake.retry;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchStore;
import dev.intake.batch.ImportBatch;
import dev.intake.file.FileColumn;
import dev.intake.file.FileLayout;
import dev.intake.report.ReportColumns;
import dev.intake.template.HeaderKey;

/**
 * Links an uploaded file to the batch whose failed rows it corrects. An exceptions file names its batch in the
 * description row of its Row Number column; uploaded again, corrected, for the same template in the same organisation,
 * it becomes that batch's child without being told. Each staged row is tied to the parent's row its Row Number gives,
 * so that the parent counts the rows the child imported.
 */
@ApplicationScoped
public class ParentLinks {

    private static final Logger LOG = Logger.getLogger(ParentLinks.class);

    @Inject
    BatchStore batches;

    @Inject
    RetryStore retries;

    /**
     * In the staging transaction, once the batch's rows are staged: links it to the parent its upload named or its
     * exceptions file names, and ties its rows to the parent's.
     *
     * @param labels the file's first header row
     * @param descriptions the file's third header row, empty for a file with one header row
     */
    public void link(ImportBatch batch, FileLayout layout, List<String> labels, List<String> descriptions) {
        int rowNumberColumn = rowNumberColumn(layout, labels);
        Optional<UUID> named = rowNumberColumn < 0 || rowNumberColumn >= descriptions.size() ? Optional.empty()
                : ReportColumns.batchOf(descriptions.get(rowNumberColumn));
        UUID parent = batch.parent();
        if (parent == null && named.isPresent()) {
            Optional<ImportBatch> found = batches.find(named.get()).filter(candidate -> candidate.organisation()
                    .equals(batch.organisation()) && candidate.template().equals(batch.template())
                    && !candidate.id().equals(batch.id()));
            if (found.isEmpty()) {
                LOG.debugf("Batch %s's file names batch %s, which is not of its organisation and template", batch.id(),
                        named.get());
                return;
            }
            parent = found.get().id();
            batches.linkParent(batch.id(), parent);
        }
        if (parent != null && rowNumberColumn >= 0 && (named.isEmpty() || named.get().equals(parent))) {
            retries.tieRows(batch.id(), parent, rowNumberColumn + 1);
        }
    }

    /** The file column of the Row Number report column, or -1. */
    private static int rowNumberColumn(FileLayout layout, List<String> labels) {
        String key = HeaderKey.of(ReportColumns.ROW_NUMBER);
        for (int i = 0; i < labels.size() && i < layout.fileColumns().size(); i++) {
            if (layout.fileColumns().get(i).kind() != FileColumn.Kind.FIELD && HeaderKey.of(labels.get(i)).equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
