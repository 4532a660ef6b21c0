package dev.intake.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchStore;
import dev.intake.batch.ChunkPlan;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.FileStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.RowStore;
import dev.intake.batch.StatusChangedException;
import dev.intake.batch.WorkQueued;
import dev.intake.config.IntakeConfig;
import dev.intake.config.WorkerIdentity;
import dev.intake.file.FileFormat;
import dev.intake.file.FileLayout;
import dev.intake.file.FileRow;
import dev.intake.file.HeaderMatch;
import dev.intake.file.ReadLimits;
import dev.intake.file.TemplateFileReader;
import dev.intake.file.UnreadableFileException;
import dev.intake.file.xlsx.WorkbookCheck;
import dev.intake.mapping.ColumnMapping;
import dev.intake.mapping.ColumnMatcher;
import dev.intake.mapping.ColumnProposal;
import dev.intake.mapping.ColumnValues;
import dev.intake.mapping.MappingProposal;
import dev.intake.mapping.MappingStore;
import dev.intake.mapping.ValueTally;
import dev.intake.report.ReportColumns;
import dev.intake.target.LookupResolver;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.TemplateColumn;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The file-level step of a batch (VALIDATING): matches the header to the template, stages the data rows with
 * COPY and splits them into chunks, all in one transaction. A file that fails its checks ends VALIDATION_FAILED
 * with nothing staged.
 */
@ApplicationScoped
public class FileValidator {

    private static final Duration STAGING_TIMEOUT = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(FileValidator.class);

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
    MappingStore mappings;

    @Inject
    LookupResolver lookups;

    @Inject
    IntakeConfig config;

    @Inject
    WorkerIdentity worker;

    @Inject
    Clock clock;

    @Inject
    Event<WorkQueued> workQueued;

    /** Claims and validates the next pending batch; false when there is none. */
    public boolean validateNext(String owner) {
        Optional<UUID> claimed = QuarkusTransaction.requiringNew().call(() -> batches.claimForValidation(owner,
                clock.instant(), clock.instant().plus(config.worker().lease())));
        claimed.ifPresent(this::validate);
        return claimed.isPresent();
    }

    /** Ends a message with a full stop unless it already ends a sentence. */
    private static String sentence(String message) {
        return message.matches("(?s).*[.?!]$") ? message : message + ".";
    }

    private void validate(UUID id) {
        ImportBatch batch = batches.find(id).orElseThrow();
        Optional<ImportTemplate> template = templates.byName(batch.template(), batch.organisation());
        if (template.isEmpty()) {
            fail(id, "The template " + batch.template() + " is no longer in the schema; nothing was imported");
            return;
        }
        try {
            boolean queued = QuarkusTransaction.requiringNew().timeout((int) STAGING_TIMEOUT.toSeconds())
                    .call(() -> stage(batch, template.get()));
            if (queued) {
                // The other workers of this instance found nothing while this one staged, and stopped: without
                // this they would wait for the scheduler's next tick, up to a second, leaving a core idle.
                workQueued.fire(new WorkQueued(id));
            }
        } catch (UnreadableFileException e) {
            fail(id, sentence(e.getMessage()) + " Nothing was imported.");
        } catch (StatusChangedException e) {
            LOG.infof("Batch %s changed status while its file was validated (cancelled); nothing was staged", id);
        }
    }

    /**
     * Stages the file's rows and moves the batch to PROCESSING; true when it queued chunks, false when the batch
     * waits for its columns to be mapped. Throws {@link UnreadableFileException}, rolling back what was staged,
     * when the file cannot be imported as a whole.
     */
    private boolean stage(ImportBatch batch, ImportTemplate template) {
        IntakeConfig.Limits limits = config.limits();
        ReadLimits readLimits = new ReadLimits(limits.maxColumns(), limits.maxLineLength(), limits.maxCellLength());
        Path copy = localCopy(batch);
        try {
            Optional<FileLayout> layout;
            try (TemplateFileReader reader = open(batch, template, copy, readLimits)) {
                layout = layout(batch, template, reader, () -> otherSheets(batch, copy))
                        .map(found -> found.withDecimalComma(batch.readOptions().decimalComma()));
            }
            if (layout.isEmpty()) {
                return false;
            }
            try (TemplateFileReader reader = open(batch, template, copy, readLimits)) {
                reader.header();
                reader.useLayout(layout.get());
                stageRows(batch, template, reader, layout.get());
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(copy);
        }
    }

    private TemplateFileReader open(ImportBatch batch, ImportTemplate template, Path copy, ReadLimits readLimits)
            throws IOException {
        return new TemplateFileReader(RowSources.open(batch.format(), copy, readLimits, batch.readOptions(), template),
                template,
                readLimits,
                ReportColumns::isReportColumn);
    }

    /**
     * How the file's columns map to the template: the header's own match, the mapping a person chose, or the
     * matcher's proposal when it is confident enough. Empty when the batch now waits in MAPPING for a person.
     */
    private Optional<FileLayout> layout(ImportBatch batch, ImportTemplate template, TemplateFileReader reader,
            Supplier<String> otherSheets) {
        HeaderMatch header = reader.header();
        boolean oneHeaderRow = header.layout() != null && header.layout().headerRows() == 1;
        boolean review = oneHeaderRow && batches.mappingReviewRequested(batch.id());
        Optional<ColumnMapping> chosen = oneHeaderRow ? mappings.mapping(batch.id()) : Optional.empty();
        if (chosen.isPresent()) {
            MappingProposal proposal = mappings.proposal(batch.id()).orElseThrow();
            return Optional.of(chosen.get().layout(reader.headerCells(), template, proposal));
        }
        if (header.matches() && !review) {
            return Optional.of(header.layout());
        }
        if (!oneHeaderRow) {
            throw rejected("The header of " + batch.filename() + " does not match the template " + template.name()
                    + ": " + String.join("; ", header.problems()) + sentenceAfter(otherSheets.get()));
        }
        List<String> headers = reader.headerCells();
        ColumnMatcher matcher = new ColumnMatcher(template, mappings.memory(batch.organisation(),
                template.name(), headers), ReportColumns::isReportColumn);
        List<FileRow> firstRows = new ArrayList<>();
        while (firstRows.size() < config.mapping().sampleRows()) {
            FileRow row = reader.nextRow();
            if (row == null) {
                break;
            }
            firstRows.add(row);
        }
        MappingProposal proposal = matcher.propose(headers, samples(firstRows, headers.size()));
        MappingStore.SavedChoices saved = mappings.savedChoices(batch.organisation(), template.name(), headers);
        if (!review && proposal.acceptable(config.mapping().autoAccept())) {
            ColumnMapping mapping = proposal.mapping("proposal", saved);
            batches.recordMapping(batch.id(), mappings.write(proposal), mappings.write(mapping));
            return Optional.of(mapping.layout(headers, template, proposal));
        }
        // Only a batch that waits for a person reads the whole file here, for the values to map.
        ValueTally.LookupCheck lookupCheck = (column, values) -> lookups.unmatched(column.lookup(),
                batch.organisation(), values);
        proposal = proposal.withValues(refusedValues(proposal, template, saved.valueMaps(), lookupCheck, firstRows,
                reader));
        batches.awaitMapping(batch.id(), mappings.write(proposal), waitingMessage(batch, proposal, review,
                config.mapping().autoAccept()) + otherSheets.get(), clock.instant(),
                worker.name());
        return Optional.empty();
    }

    /** A sentence to follow text that does not end in a full stop, or nothing. */
    private static String sentenceAfter(String sentence) {
        return sentence.isEmpty() ? "" : "." + sentence;
    }

    /**
     * For a workbook read at its first sheet because the upload named none, a sentence naming its other sheets, so
     * that a header that does not match says where the data may be; empty otherwise.
     */
    private static String otherSheets(ImportBatch batch, Path copy) {
        if (batch.format() != FileFormat.XLSX || batch.readOptions().sheet() != null) {
            return "";
        }
        List<String> sheets = WorkbookCheck.sheetNames(copy);
        if (sheets.size() < 2) {
            return "";
        }
        return " The workbook's first sheet, '" + sheets.get(0) + "', was read; its other sheets are "
                + String.join(", ", sheets.subList(1, sheets.size()).stream().map(name -> "'" + name + "'").toList())
                + ": to read one, upload the file again with the form field 'sheet'.";
    }

    /**
     * The values of the proposed fixed-value and Boolean columns that their fields refuse, and of lookup columns
     * that match no record, over the whole file: the first rows already read, then the rest.
     */
    private static List<ColumnValues> refusedValues(MappingProposal proposal, ImportTemplate template,
            Map<String, Map<String, String>> valueMaps, ValueTally.LookupCheck lookupCheck, List<FileRow> firstRows,
            TemplateFileReader reader) {
        Map<Integer, TemplateColumn> fields = new LinkedHashMap<>();
        for (ColumnProposal column : proposal.columns()) {
            if (column.reference() != null) {
                template.column(column.reference()).ifPresent(field -> fields.put(column.index(), field));
            }
        }
        ValueTally tally = new ValueTally(fields, valueMaps, lookupCheck);
        if (!tally.counts()) {
            return List.of();
        }
        firstRows.forEach(row -> tally.add(row.rowNumber(), row.cells()));
        for (FileRow row = reader.nextRow(); row != null; row = reader.nextRow()) {
            tally.add(row.rowNumber(), row.cells());
        }
        return tally.result();
    }

    /** Up to three distinct non-blank values of each column, from the first rows. */
    private static List<List<String>> samples(List<FileRow> rows, int width) {
        List<List<String>> samples = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            samples.add(new ArrayList<>());
        }
        for (FileRow row : rows) {
            for (int i = 0; i < width && i < row.cells().size(); i++) {
                String cell = row.cells().get(i);
                if (!cell.isBlank() && samples.get(i).size() < 3 && !samples.get(i).contains(cell)) {
                    samples.get(i).add(cell);
                }
            }
        }
        return samples;
    }

    private static String waitingMessage(ImportBatch batch, MappingProposal proposal, boolean review,
            double autoAccept) {
        long refused = proposal.values().stream().mapToLong(column -> column.unmatched().size()).sum();
        long unsure = proposal.columns().stream().filter(column -> !column.header().isBlank() && !column.ignored()
                && column.reference() == null).count();
        boolean reviewOnly = review && proposal.acceptable(autoAccept);
        StringBuilder message = new StringBuilder(reviewOnly
                ? "The upload asked for a person to review its column mapping; waiting for them to confirm it (mapColumns)"
                : "The columns of " + batch.filename() + " are not the template's; waiting for a person to map them "
                        + "(mapColumns)");
        if (!proposal.missingRequired().isEmpty()) {
            message.append(". No column maps to the required ").append(String.join(", ", proposal.missingRequired()));
        }
        if (unsure > 0) {
            message.append(". ").append(unsure).append(unsure == 1 ? " column maps" : " columns map").append(" to no field");
        }
        if (refused > 0) {
            message.append(". ").append(refused).append(refused == 1 ? " value needs" : " values need")
                    .append(" mapping to a value its field accepts, or, in a lookup column, to a record (or a lookup policy)");
        }
        return message.append('.').toString();
    }

    private void stageRows(ImportBatch batch, ImportTemplate template, TemplateFileReader reader, FileLayout layout) {
        IntakeConfig.Limits limits = config.limits();
        RowStore.Stager stager = rows.stager(batch.id());
        ChunkPlan plan = new ChunkPlan(config.worker().chunkSize());
        int rowCount = 0;
        try {
            for (FileRow row = reader.nextRow(); row != null; row = reader.nextRow()) {
                if (++rowCount > limits.maxRows()) {
                    throw rejected("The file " + batch.filename() + " has more than " + limits.maxRows()
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
            throw rejected("The file " + batch.filename() + " has a header but no data rows");
        }
        chunks.insert(batch.id(), plan);
        batches.startProcessing(batch.id(), layout, total, missingRole(batch, template), clock.instant(),
                worker.name());
    }

    /**
     * The file, copied from the database to a local temporary file: staging streams one COPY over the
     * transaction's connection, which can't read the file's parts meanwhile.
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

    private static UnreadableFileException rejected(String message) {
        return new UnreadableFileException(message);
    }

    /** A warning when the uploader lacks the role the mutation requires: every row will fail with PERMISSION. */
    private static String missingRole(ImportBatch batch, ImportTemplate template) {
        String role = template.requiredRole();
        if (role == null || batch.createdByRoles().contains(role)) {
            return null;
        }
        return "Warning: " + batch.createdBy() + " does not have the role " + role + " that " + template.name()
                + " requires, so every row will fail with PERMISSION. Ask for the role, or have someone who has it "
                + "upload the file.";
    }

    private void fail(UUID id, String message) {
        try {
            QuarkusTransaction.requiringNew().run(() -> batches.failValidation(id, message, clock.instant(),
                    worker.name()));
        } catch (StatusChangedException e) {
            LOG.infof("Batch %s changed status while its file was validated (cancelled)", id);
        }
    }
}
