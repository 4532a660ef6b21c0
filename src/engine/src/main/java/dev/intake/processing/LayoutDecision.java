package dev.intake.processing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.batch.BatchStore;
import dev.intake.batch.ImportBatch;
import dev.intake.config.IntakeConfig;
import dev.intake.config.WorkerIdentity;
import dev.intake.file.FileFormat;
import dev.intake.file.FileLayout;
import dev.intake.file.FileRow;
import dev.intake.file.HeaderMatch;
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
import dev.intake.remote.RemoteLookups;
import dev.intake.report.ReportColumns;
import dev.intake.security.Uploader;
import dev.intake.target.LookupResolver;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateColumn;

/**
 * How a file's columns map to its template: the header's own match, the mapping a person chose, or the matcher's
 * proposal when it is sure enough. Otherwise the batch waits in MAPPING for a person, with each column's proposal and
 * the values its field refuses; a file with the template's four header rows that do not match fails instead.
 */
@ApplicationScoped
class LayoutDecision {

    @Inject
    BatchStore batches;

    @Inject
    MappingStore mappings;

    @Inject
    LookupResolver lookups;

    @Inject
    RemoteLookups remoteLookups;

    @Inject
    IntakeConfig config;

    @Inject
    WorkerIdentity worker;

    @Inject
    Clock clock;

    /**
     * The layout the file's rows are read with; empty when the batch now waits in MAPPING.
     *
     * @param file the file's local copy, for a workbook's other sheets
     * @throws UnreadableFileException when the header has the template's four rows but does not match them
     */
    Optional<FileLayout> decide(ImportBatch batch, ImportTemplate template, TemplateFileReader reader, Path file) {
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
            String sheets = otherSheets(batch, file);
            throw new UnreadableFileException("The header of " + batch.filename() + " does not match the template "
                    + template.name() + ": " + String.join("; ", header.problems()) + (sheets.isEmpty() ? "" : "." + sheets));
        }
        List<String> headers = reader.headerCells();
        ColumnMatcher matcher = new ColumnMatcher(template, mappings.memory(batch.organisation(), template.name(), headers),
                ReportColumns::isReportColumn);
        List<FileRow> firstRows = new ArrayList<>();
        while (firstRows.size() < config.mapping().sampleRows()) {
            FileRow row = reader.nextRow();
            if (row == null) {
                break;
            }
            firstRows.add(row);
        }
        MappingProposal proposal = matcher.propose(headers, MappingWait.samples(firstRows, headers.size()));
        MappingStore.SavedChoices saved = mappings.savedChoices(batch.organisation(), template.name(), headers);
        if (!review && proposal.acceptable(config.mapping().autoAccept())) {
            ColumnMapping mapping = proposal.mapping(saved);
            batches.recordMapping(batch.id(), mappings.write(proposal), mappings.write(mapping));
            return Optional.of(mapping.layout(headers, template, proposal));
        }
        // Only a batch that waits for a person reads the whole file here, for the values to map.
        ValueTally.LookupCheck lookupCheck = (column, values) -> template.remote()
                ? remoteLookups.unmatched(template, column.reference(), values, new Uploader(batch.createdBy(),
                        batch.createdByRoles(), batch.organisation()))
                : lookups.unmatched(column.lookup(), batch.organisation(), values);
        proposal = proposal.withValues(refusedValues(proposal, template, saved.valueMaps(), lookupCheck, firstRows, reader));
        batches.awaitMapping(batch.id(), mappings.write(proposal), MappingWait.message(batch, proposal, review,
                config.mapping().autoAccept()) + otherSheets(batch, file), clock.instant(), worker.name());
        return Optional.empty();
    }

    /**
     * For a workbook read at its first sheet because the upload named none, a sentence naming its other sheets, so
     * that a header that does not match says where the data may be; empty otherwise.
     */
    private static String otherSheets(ImportBatch batch, Path file) {
        if (batch.format() != FileFormat.XLSX || batch.readOptions().sheet() != null) {
            return "";
        }
        List<String> sheets = WorkbookCheck.sheetNames(file);
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
}
