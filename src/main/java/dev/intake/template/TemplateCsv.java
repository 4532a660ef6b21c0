package dev.intake.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes templates as RFC 4180 CSV (comma, double quotes, CRLF) in UTF-8 with a byte-order mark, which is what
 * Excel needs to open a file with non-ASCII text correctly. Cells that look like formulas are guarded.
 */
public final class TemplateCsv {

    public static final CSVFormat FORMAT = CSVFormat.RFC4180;
    public static final char BYTE_ORDER_MARK = '\uFEFF';

    private TemplateCsv() {
    }

    public static String write(ImportTemplate template, boolean withSample) {
        StringBuilder out = new StringBuilder().append(BYTE_ORDER_MARK);
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            for (List<String> row : headerRows(template.columns(), List.of())) {
                printRecord(printer, row);
            }
            if (withSample) {
                printRecord(printer, template.columns().stream().map(SampleValues::of).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes one record, each cell guarded against being run as a spreadsheet formula. */
    public static void printRecord(CSVPrinter printer, List<String> cells) throws IOException {
        printer.printRecord(cells.stream().map(FormulaGuard::neutralise).toList());
    }

    /**
     * The four header rows, with extra trailing columns (such as {@code Row Number} in an exceptions file)
     * labelled in row 1 and blank below.
     */
    public static List<List<String>> headerRows(List<TemplateColumn> columns, List<String> trailingLabels) {
        return List.of(
                row(columns.stream().map(TemplateColumn::label).toList(), trailingLabels),
                row(columns.stream().map(TemplateColumn::reference).toList(), blanks(trailingLabels)),
                row(columns.stream().map(TemplateColumn::description).toList(), blanks(trailingLabels)),
                row(columns.stream().map(TemplateColumn::typeDescription).toList(), blanks(trailingLabels)));
    }

    private static List<String> row(List<String> cells, List<String> trailing) {
        return java.util.stream.Stream.concat(cells.stream(), trailing.stream()).toList();
    }

    private static List<String> blanks(List<String> labels) {
        return labels.stream().map(label -> "").toList();
    }
}
