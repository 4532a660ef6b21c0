package dev.intake.processing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.batch.BatchStore;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.FileStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.RowStore;
import dev.intake.config.IntakeConfig;
import dev.intake.parsing.CsvFileException;
import dev.intake.parsing.FileRow;
import dev.intake.parsing.HeaderMatch;
import dev.intake.parsing.TemplateFileReader;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The file-level step of a batch (VALIDATING): matches the header to the template, stages the data rows with
 * COPY and splits them into chunks, all in one transaction. A file that fails its checks ends VALIDATION_FAILED
 * with nothing staged.
 */
@ApplicationScoped
public class FileValidator {

    private static final Duration STAGING_TIMEOUT = Duration.ofHours(1);

    @Inject
    BatchStore batches;

    @Inject
    FileStore files;

    @Inject
    RowStore rows;

    @Inject
    ChunkStore chunks;

    @Inject
    TemplateCatalog templates;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    /** Claims and validates the next pending batch; false when there is none. */
    public boolean validateNext(String owner) {
        Optional<UUID> claimed = QuarkusTransaction.requiringNew().call(() -> batches.claimForValidation(owner,
                clock.instant(), clock.instant().plus(config.worker().lease())));
        claimed.ifPresent(this::validate);
        return claimed.isPresent();
    }

    private void validate(UUID id) {
        ImportBatch batch = batches.find(id).orElseThrow();
        Optional<ImportTemplate> template = templates.byName(batch.template());
        if (template.isEmpty()) {
            fail(id, "The template " + batch.template() + " is no longer in the schema; nothing was imported");
            return;
        }
        try {
            String problem = QuarkusTransaction.requiringNew().timeout((int) STAGING_TIMEOUT.toSeconds())
                    .call(() -> stage(batch, template.get()));
            if (problem != null) {
                fail(id, problem);
            }
        } catch (CsvFileException e) {
            fail(id, e.getMessage() + ". Nothing was imported.");
        }
    }

    /** Stages the file's rows and moves the batch to PROCESSING; returns the problem instead when the file is wrong. */
    private String stage(ImportBatch batch, ImportTemplate template) {
        try (TemplateFileReader reader = new TemplateFileReader(files.open(batch.id()), template)) {
            HeaderMatch header = reader.header();
            if (!header.matches()) {
                return "The header of " + batch.filename() + " does not match the template " + template.name() + ": "
                        + String.join("; ", header.problems()) + ". Nothing was imported.";
            }
            RowStore.Stager stager = rows.stager(batch.id());
            for (FileRow row = reader.nextRow(); row != null; row = reader.nextRow()) {
                stager.add(row.rowNumber(), row.cells(), row.parseError());
            }
            int total = stager.finish();
            if (total == 0) {
                return "The file " + batch.filename() + " has a header but no data rows. Nothing was imported.";
            }
            chunks.split(batch.id(), config.worker().chunkSize());
            batches.startProcessing(batch.id(), header.layout(), total);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fail(UUID id, String message) {
        QuarkusTransaction.requiringNew().run(() -> batches.failValidation(id, message, clock.instant()));
    }
}
