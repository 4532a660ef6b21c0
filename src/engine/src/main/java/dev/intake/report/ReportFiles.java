package dev.intake.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import dev.intake.batch.BatchStore;
import dev.intake.batch.ImportBatch;
import dev.intake.batch.RowOutcome;
import dev.intake.batch.RowStore;
import dev.intake.file.FileFormat;
import dev.intake.file.FileLayout;
import dev.intake.file.ReadOptions;
import dev.intake.file.csv.CsvDialect;
import dev.intake.template.TemplateCatalog;
import dev.intake.template.TemplateColumn;
import dev.intake.template.TemplateCsv;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes a batch's exceptions file (its failed rows) and results file (every row), streaming from PostgreSQL.
 * Both start with the template's four header rows and put each row's cells in template column order, so an
 * exceptions file, once fixed, imports again as it is: the reader ignores the trailing report columns, and takes
 * off the apostrophe that guards formula-like cells. A CSV upload's files use its separator, and its {@code sep=}
 * line if it had one, so they open in a spreadsheet as the upload did.
 */
@ApplicationScoped
public class ReportFiles {

    /** The outcome shown for a row that never ran, such as after a cancellation. */
    public static final String NOT_PROCESSED = "NOT_PROCESSED";

    private static final JsonFactory JSON = JsonFactory.builder().build()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Inject
    RowStore rows;

    @Inject
    BatchStore batches;

    @Inject
    TemplateCatalog templates;

    public void writeExceptions(ImportBatch batch, OutputStream out) throws IOException {
        write(batch, true, ReportColumns.EXCEPTIONS, ReportColumns.exceptionsDescriptions(batch.id()), out);
    }

    public void writeResults(ImportBatch batch, OutputStream out) throws IOException {
        write(batch, false, ReportColumns.RESULTS, ReportColumns.RESULTS.stream().map(label -> "").toList(), out);
    }

    /**
     * The exceptions file as an Excel workbook: the same header rows, rows and trailing columns as
     * {@code exceptions.csv}, every cell as text (so nothing is retyped on the way into Excel and back), the header
     * frozen above the rows, and the cell of the field each row failed on highlighted. Cells are written inline and
     * flushed every thousand rows, so memory stays flat however many rows failed; uploading it again reads it as
     * any workbook.
     */
    public void writeExceptionsXlsx(ImportBatch batch, OutputStream out) throws IOException {
        FileLayout layout = batches.layout(batch.id()).orElse(null);
        Columns report = columns(batch, layout);
        List<TemplateColumn> columns = report.columns();
        Workbook workbook = new Workbook(out, "Intake", "1.0");
        Worksheet sheet = workbook.newWorksheet("Exceptions");
        List<List<String>> header = TemplateCsv.headerRows(columns, ReportColumns.EXCEPTIONS,
                ReportColumns.exceptionsDescriptions(batch.id()), report.version());
        for (int r = 0; r < header.size(); r++) {
            List<String> cells = header.get(r);
            for (int c = 0; c < cells.size(); c++) {
                sheet.inlineString(r, c, cells.get(c));
                if (r == 0) {
                    sheet.style(r, c).bold().fillColor("E8EAF6").set();
                }
            }
        }
        for (int c = 0; c < header.get(0).size(); c++) {
            sheet.width(c, c < columns.size() ? 22 : 16);
        }
        sheet.freezePane(0, header.size());
        if (layout != null) {
            int[] indexes = layout.fileIndexOfTemplateColumns();
            int[] next = {header.size()};
            QuarkusTransaction.requiringNew().run(() -> rows.forEachWithOutcome(batch.id(), true, row -> {
                int r = next[0]++;
                List<String> record = record(row, indexes, true);
                for (int c = 0; c < record.size(); c++) {
                    if (!record.get(c).isEmpty()) {
                        sheet.inlineString(r, c, record.get(c));
                    }
                }
                int failed = row.outcome() == null ? -1 : indexOf(columns, row.outcome().field());
                if (failed >= 0) {
                    sheet.style(r, failed).fillColor("FFC7CE").fontColor("9C0006").set();
                }
                if (r % 1000 == 0) {
                    sheet.flush();
                }
            }));
        }
        workbook.finish();
    }

    /** The template columns and version a report is written with. */
    private record Columns(List<TemplateColumn> columns, String version) {
    }

    /**
     * The columns and version the batch was validated with; a batch that failed file-level validation has no
     * layout, and its reports use the current template's.
     */
    private Columns columns(ImportBatch batch, FileLayout layout) {
        if (layout != null) {
            return new Columns(layout.templateColumns(), layout.templateVersion());
        }
        return templates.byName(batch.template(), batch.organisation())
                .map(template -> new Columns(template.columns(), template.version()))
                .orElse(new Columns(List.of(), ""));
    }

    private static int indexOf(List<TemplateColumn> columns, String reference) {
        for (int i = 0; reference != null && i < columns.size(); i++) {
            if (columns.get(i).reference().equals(reference)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Every row's outcome as NDJSON, one object per line in file order: {@code rowNumber}, {@code outcome}
     * ({@code SUCCESS}, {@code FAILED} or {@code NOT_PROCESSED}), then what applies of {@code action},
     * {@code entityId}, {@code errorType}, {@code field}, {@code error} and {@code note}. A batch that failed
     * file-level validation has no rows, so its file is empty.
     */
    public void writeResultsNdjson(ImportBatch batch, OutputStream out) throws IOException {
        if (batches.layout(batch.id()).isEmpty()) {
            return;
        }
        JsonGenerator json = JSON.createGenerator(out);
        json.setRootValueSeparator(new SerializedString("\n"));
        QuarkusTransaction.requiringNew().run(() -> rows.forEachWithOutcome(batch.id(), false, row -> {
            RowOutcome outcome = row.outcome();
            json.writeStartObject();
            json.writeNumberField("rowNumber", row.row().rowNumber());
            json.writeStringField("outcome", outcome == null ? NOT_PROCESSED : outcome.success() ? "SUCCESS" : "FAILED");
            if (outcome != null) {
                optional(json, "action", outcome.action() == null ? null : outcome.action().name());
                optional(json, "entityId", outcome.entityId());
                optional(json, "errorType", outcome.errorType() == null ? null : outcome.errorType().name());
                optional(json, "field", outcome.field());
                optional(json, outcome.success() ? "note" : "error", outcome.message());
            }
            json.writeEndObject();
        }));
        json.writeRaw('\n');
        json.flush();
    }

    private static void optional(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    /**
     * A batch that failed file-level validation has no layout and no staged rows: its report is the current
     * template's header rows alone.
     */
    private void write(ImportBatch batch, boolean failuresOnly, List<String> trailing, List<String> descriptions,
            OutputStream out) throws IOException {
        FileLayout layout = batches.layout(batch.id()).orElse(null);
        Columns report = columns(batch, layout);
        UUID batchId = batch.id();
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(TemplateCsv.BYTE_ORDER_MARK);
        ReadOptions options = batch.format() == FileFormat.CSV ? batch.readOptions() : ReadOptions.CSV;
        if (options.separatorLine()) {
            writer.write(CsvDialect.separatorLineOf(options.delimiter()));
        }
        CSVPrinter printer = new CSVPrinter(writer, TemplateCsv.FORMAT.builder().setDelimiter(options.delimiter()).get());
        for (List<String> row : TemplateCsv.headerRows(report.columns(), trailing, descriptions, report.version())) {
            TemplateCsv.printRecord(printer, row);
        }
        if (layout != null) {
            int[] indexes = layout.fileIndexOfTemplateColumns();
            QuarkusTransaction.requiringNew().run(() -> rows.forEachWithOutcome(batchId, failuresOnly,
                    row -> TemplateCsv.printRecord(printer, record(row, indexes, failuresOnly))));
        }
        printer.flush();
    }

    private static List<String> record(RowStore.RowWithOutcome row, int[] indexes, boolean exceptions) {
        List<String> cells = row.row().cells();
        List<String> record = new ArrayList<>(indexes.length + 5);
        for (int index : indexes) {
            record.add(index >= 0 && index < cells.size() ? cells.get(index) : "");
        }
        RowOutcome outcome = row.outcome();
        record.add(String.valueOf(row.row().rowNumber()));
        if (!exceptions) {
            record.add(outcome == null ? NOT_PROCESSED : outcome.success() ? "SUCCESS" : "FAILED");
            record.add(outcome == null || outcome.entityId() == null ? "" : outcome.entityId());
        }
        record.add(outcome == null || outcome.errorType() == null ? "" : outcome.errorType().name());
        boolean failed = outcome != null && !outcome.success();
        record.add(failed && outcome.message() != null ? outcome.message() : "");
        if (!exceptions) {
            record.add(!failed && outcome != null && outcome.message() != null ? outcome.message() : "");
        }
        record.add("");
        return record;
    }
}
