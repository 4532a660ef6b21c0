package dev.intake.parsing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import dev.intake.template.FormulaGuard;
import dev.intake.template.ImportTemplate;

/**
 * Reads an uploaded CSV file against a template, streaming: the header first, then data rows one at a time.
 * <p>
 * The file must be UTF-8; a byte-order mark and CRLF or LF line ends are accepted. The first row holding bytes
 * that are not UTF-8 stops the file with an error naming it. Rows whose cells are all
 * blank are skipped, as are trailing columns that are blank in the header and in the row. A row that cannot
 * be imported as it stands (the wrong number of cells, a NUL character, a cell over the length limit) comes back
 * with a parse error. The apostrophe Intake puts before formula-like values in the files it writes is removed.
 */
public final class TemplateFileReader implements Closeable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private static final char REPLACEMENT = '\uFFFD';

    private final ImportTemplate template;
    private final ReadLimits limits;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private CSVRecord pushedBack;
    private FileLayout layout;

    public TemplateFileReader(InputStream in, ImportTemplate template, ReadLimits limits) {
        this.template = template;
        this.limits = limits;
        try {
            this.parser = CSVParser.builder().setReader(new LineLengthGuard(utf8(in), limits.maxLineLength()))
                    .setFormat(FORMAT).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.records = parser.iterator();
    }

    /** Reads the header rows; the file is rejected as a whole when they do not match. */
    public HeaderMatch header() {
        CSVRecord first = nextRecord();
        while (first != null && first.stream().allMatch(String::isBlank)) {
            first = nextRecord();
        }
        if (first == null) {
            return new HeaderMatch(null, List.of("the file has no header row"));
        }
        if (first.size() > limits.maxColumns()) {
            return new HeaderMatch(null, List.of("the file has " + first.size() + " columns; the limit is "
                    + limits.maxColumns() + " (intake.limits.max-columns)"));
        }
        HeaderMatcher matcher = new HeaderMatcher(template);
        CSVRecord second = nextRecord();
        HeaderMatch match;
        if (second != null && matcher.isReferenceRow(second.toList())) {
            CSVRecord third = nextRecord();
            CSVRecord fourth = nextRecord();
            match = matcher.match(first.toList(), second.toList());
            List<String> changes = changesSinceFileVersion(first.toList(), second.toList(), third, fourth);
            if (!changes.isEmpty()) {
                match = new HeaderMatch(match.layout(), List.of(changes.get(0)));
            }
        } else {
            pushedBack = second;
            match = matcher.match(first.toList(), null);
        }
        layout = match.layout();
        return match;
    }

    /**
     * When the file names the template version it was made from and that is not the current one, the changes that
     * matter, as one message; empty otherwise.
     */
    private List<String> changesSinceFileVersion(List<String> labels, List<String> references, CSVRecord third,
            CSVRecord fourth) {
        if (third == null || fourth == null) {
            return List.of();
        }
        List<String> types = fourth.toList();
        String fileVersion = null;
        for (int i = 0; i < labels.size() && i < types.size(); i++) {
            if (ReportColumns.isVersionColumn(labels.get(i))) {
                fileVersion = types.get(i).strip();
            }
        }
        if (fileVersion == null || fileVersion.equals(template.version())) {
            return List.of();
        }
        List<String> changes = TemplateChanges.between(labels, references, third.toList(), types, template);
        if (changes.isEmpty()) {
            return List.of();
        }
        return List.of("the file was made from an older version of the template (" + fileVersion + "; now "
                + template.version() + "): " + String.join("; ", changes)
                + ". Download the current template and move the data into it");
    }

    /** The next row with at least one non-blank cell, or {@code null} at the end of the file. */
    public FileRow nextRow() {
        for (CSVRecord record = nextRecord(); record != null; record = nextRecord()) {
            List<String> cells = record.toList();
            if (cells.stream().anyMatch(cell -> !cell.isBlank())) {
                return row(record.getRecordNumber(), cells);
            }
        }
        return null;
    }

    private FileRow row(long rowNumber, List<String> cells) {
        int width = layout.fileColumns().size();
        String problem = null;
        if (cells.size() > width && !allBlank(cells.subList(width, cells.size()))) {
            problem = "Row " + rowNumber + " has " + cells.size() + " cells, but the header has " + width
                    + " columns; check for an unquoted comma";
        } else if (cells.size() < layout.neededWidth()) {
            problem = "Row " + rowNumber + " has " + cells.size() + " cells, but the header has " + width
                    + " columns; check for a missing cell or an unclosed quote";
        }
        List<String> kept = new ArrayList<>(cells.subList(0, Math.min(width, cells.size())));
        for (int i = 0; i < kept.size() && problem == null; i++) {
            if (layout.fileColumns().get(i).kind() == FileColumn.Kind.BLANK && !kept.get(i).isBlank()) {
                problem = "Row " + rowNumber + " has the value '" + Values.shorten(kept.get(i)) + "' in "
                        + ColumnNames.describe(i) + ", which has no header";
            }
        }
        for (int i = 0; i < kept.size(); i++) {
            String cell = kept.get(i);
            if (cell.indexOf('\0') >= 0) {
                cell = cell.replace("\0", "");
                problem = problem != null ? problem
                        : "Row " + rowNumber + ", " + ColumnNames.describe(i) + " contains a NUL character";
            }
            if (cell.length() > limits.maxCellLength()) {
                problem = problem != null ? problem : "Row " + rowNumber + ", " + ColumnNames.describe(i) + " has "
                        + cell.length() + " characters; the limit is " + limits.maxCellLength()
                        + " (intake.limits.max-cell-length)";
                cell = cell.substring(0, limits.maxCellLength());
            }
            kept.set(i, FormulaGuard.restore(cell));
        }
        return new FileRow(rowNumber, kept, problem);
    }

    private CSVRecord nextRecord() {
        if (pushedBack != null) {
            CSVRecord record = pushedBack;
            pushedBack = null;
            return record;
        }
        try {
            return records.hasNext() ? utf8Checked(records.next()) : null;
        } catch (UncheckedIOException e) {
            throw failure(e);
        } catch (IllegalStateException e) {
            throw failure(e);
        }
    }

    private CsvFileException failure(RuntimeException e) {
        long row = parser.getRecordNumber() + 1;
        Throwable cause = e.getCause();
        if (cause instanceof LineLengthGuard.LineTooLongException) {
            return new CsvFileException("Row " + row + " is longer than " + limits.maxLineLength()
                    + " characters, the limit (intake.limits.max-line-length); is it a CSV file with line ends?", e);
        }
        String detail = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
        return new CsvFileException("The file is not valid CSV from row " + row + " on: " + detail, e);
    }

    /**
     * Bytes that are not UTF-8 decode to U+FFFD; finding one stops the file at the first row that has it, rather
     * than importing garbled text.
     */
    private static CSVRecord utf8Checked(CSVRecord record) {
        for (int i = 0; i < record.size(); i++) {
            if (record.get(i).indexOf(REPLACEMENT) >= 0) {
                throw new CsvFileException("Row " + record.getRecordNumber() + ", " + ColumnNames.describe(i)
                        + " is not valid UTF-8 text; save the file as \"CSV UTF-8\" and upload it again", null);
            }
        }
        return record;
    }

    private static boolean allBlank(List<String> cells) {
        return cells.stream().allMatch(String::isBlank);
    }

    private static Reader utf8(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 3);
        byte[] head = pushback.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom) {
            pushback.unread(head);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new InputStreamReader(pushback, decoder);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
