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

    /** The label of the trailing column that carries the template's version in row 4. */
    public static final String VERSION_LABEL = "Template Version";

    /** Whether a header cell is the {@value #VERSION_LABEL} column, in any case and with spaces around it. */
    public static boolean isVersionColumn(String headerCell) {
        return HeaderKey.of(headerCell).equals(HeaderKey.of(VERSION_LABEL));
    }

    public static String write(ImportTemplate template, boolean withSample) {
        StringBuilder out = new StringBuilder().append(BYTE_ORDER_MARK);
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            for (List<String> row : headerRows(template.columns(), List.of(), template.version())) {
                printRecord(printer, row);
            }
            if (withSample) {
                List<String> sample = new java.util.ArrayList<>(template.columns().stream().map(column -> SampleValues.of(column, template.entity())).toList());
                sample.add("");
                printRecord(printer, sample);
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
     * labelled in row 1 and blank below, and last the {@value #VERSION_LABEL} column, whose row 4 holds the
     * version. The reader ignores both, so data rows leave them blank.
     */
    public static List<List<String>> headerRows(List<TemplateColumn> columns, List<String> trailingLabels,
            String version) {
        return headerRows(columns, trailingLabels, blanks(trailingLabels), version);
    }

    /** The same, with a description in row 3 of each trailing column. */
    public static List<List<String>> headerRows(List<TemplateColumn> columns, List<String> trailingLabels,
            List<String> trailingDescriptions, String version) {
        List<String> labels = new java.util.ArrayList<>(trailingLabels);
        labels.add(VERSION_LABEL);
        List<String> blanks = blanks(trailingLabels);
        return List.of(
                row(columns.stream().map(TemplateColumn::label).toList(), labels),
                row(columns.stream().map(TemplateColumn::reference).toList(), with(blanks, "")),
                row(columns.stream().map(TemplateColumn::description).toList(),
                        with(trailingDescriptions, "Leave as it is: the version of the template this file was made from")),
                row(columns.stream().map(TemplateColumn::typeDescription).toList(), with(blanks, version)));
    }

    private static List<String> with(List<String> cells, String last) {
        List<String> all = new java.util.ArrayList<>(cells);
        all.add(last);
        return all;
    }

    private static List<String> row(List<String> cells, List<String> trailing) {
        return java.util.stream.Stream.concat(cells.stream(), trailing.stream()).toList();
    }

    private static List<String> blanks(List<String> labels) {
        return labels.stream().map(label -> "").toList();
    }
}
