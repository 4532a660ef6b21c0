package dev.intake.processing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchStore;
import dev.intake.batch.ChunkPlan;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.FileStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.RowStore;
import dev.intake.config.IntakeConfig;
import dev.intake.config.WorkerIdentity;
import dev.intake.file.FileLayout;
import dev.intake.file.FileRow;
import dev.intake.file.ReadLimits;
import dev.intake.file.TemplateFileReader;
import dev.intake.file.UnreadableFileException;
import dev.intake.report.ReportColumns;
import dev.intake.retry.ParentLinks;
import dev.intake.template.ImportTemplate;
import dev.intake.template.RoleWarning;

/**
 * Stages a file's data rows with COPY and splits them into chunks, in the caller's transaction, once its layout is
 * decided; the batch then moves to PROCESSING. A file over the row limit, or with no data row, fails as a whole.
 */
@ApplicationScoped
class FileStaging {

    private static final Logger LOG = Logger.getLogger(FileStaging.class);

    @Inject
    BatchStore batches;

    @Inject
    FileStore files;

    @Inject
    RowStore rows;

    @Inject
    ChunkStore chunks;

    @Inject
    LayoutDecision layouts;

    @Inject
    ParentLinks parents;

    @Inject
    IntakeConfig config;

    @Inject
    WorkerIdentity worker;

    @Inject
    Clock clock;

    /**
     * Stages the file's rows and moves the batch to PROCESSING; true when it queued chunks, false when the batch waits
     * for its columns to be mapped.
     *
     * @throws UnreadableFileException when the file cannot be imported as a whole; the caller rolls back what was
     *         staged
     */
    boolean stage(ImportBatch batch, ImportTemplate template) {
        IntakeConfig.Limits limits = config.limits();
        ReadLimits readLimits = new ReadLimits(limits.maxColumns(), limits.maxLineLength(), limits.maxCellLength());
        Path copy = localCopy(batch);
        try {
            Optional<FileLayout> layout;
            try (TemplateFileReader reader = open(batch, template, copy, readLimits)) {
                layout = layouts.decide(batch, template, reader, copy)
                        .map(found -> found.withDecimalComma(batch.readOptions().decimalComma()));
            }
            if (layout.isEmpty()) {
                return false;
            }
            try (TemplateFileReader reader = open(batch, template, copy, readLimits)) {
                reader.header();
                reader.useLayout(layout.get());
                stageRows(batch, template, reader, layout.get());
                parents.link(batch, layout.get(), reader.headerCells(), reader.descriptionCells());
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(copy);
        }
    }

    private static TemplateFileReader open(ImportBatch batch, ImportTemplate template, Path copy, ReadLimits readLimits)
            throws IOException {
        return new TemplateFileReader(RowSources.open(batch.format(), copy, readLimits, batch.readOptions(), template),
                template, readLimits, ReportColumns::isReportColumn);
    }

    private void stageRows(ImportBatch batch, ImportTemplate template, TemplateFileReader reader, FileLayout layout) {
        int maxRows = config.limits().maxRows();
        RowStore.Stager stager = rows.stager(batch.id());
        ChunkPlan plan = new ChunkPlan(config.worker().chunkSize());
        int rowCount = 0;
        try {
            for (FileRow row = reader.nextRow(); row != null; row = reader.nextRow()) {
                if (++rowCount > maxRows) {
                    throw new UnreadableFileException("The file " + batch.filename() + " has more than " + maxRows
                            + " data rows, the limit (intake.limits.max-rows); split it into smaller files");
                }
                stager.add(row.rowNumber(), row.cells(), row.parseError(), row.problemField());
                plan.add(row.rowNumber());
            }
        } catch (RuntimeException e) {
            stager.abort();
            throw e;
        }
        int total = stager.finish();
        if (total == 0) {
            throw new UnreadableFileException("The file " + batch.filename() + " has a header but no data rows");
        }
        chunks.insert(batch.id(), plan);
        batches.startProcessing(batch.id(), layout, total, RoleWarning.of(batch.createdBy(), batch.createdByRoles(), template).orElse(null), clock.instant(),
                worker.name());
    }

    /**
     * The file, copied from the database to a local temporary file: staging streams one COPY over the transaction's
     * connection, which can't read the file's parts meanwhile.
     */
    private Path localCopy(ImportBatch batch) {
        try {
            Path copy = Files.createTempFile("intake-" + batch.id(), ".upload");
            try (InputStream in = files.open(batch.id())) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete the temporary file %s", file);
        }
    }
}
