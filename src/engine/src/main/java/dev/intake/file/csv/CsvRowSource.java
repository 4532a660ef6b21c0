package dev.intake.file.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import dev.intake.file.ColumnNames;
import dev.intake.file.ReadLimits;
import dev.intake.file.ReadOptions;
import dev.intake.file.RowSource;
import dev.intake.file.SourceRecord;

/**
 * Reads an RFC 4180 CSV file, streaming, one record at a time.
 * <p>
 * The file must be UTF-8; a byte-order mark and CRLF or LF line ends are accepted. The first record holding bytes
 * that are not UTF-8 stops the file with an error naming its row and column; the character U+FFFD itself is
 * text like any other. A line over the length limit stops the file too, as a file without line ends would
 * otherwise be read whole.
 */
public final class CsvRowSource implements RowSource {

    private final ReadLimits limits;
    private final long skipped;
    private final Utf8Reader text;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long replacementsSeen;

    public CsvRowSource(InputStream in, ReadLimits limits) {
        this(in, limits, ReadOptions.CSV);
    }

    /**
     * @param options the separator, and whether the file starts with Excel's {@code sep=} line: that line is skipped
     *        and not counted, so row numbers are those a spreadsheet shows
     */
    public CsvRowSource(InputStream in, ReadLimits limits, ReadOptions options) {
        this.limits = limits;
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setDelimiter(options.delimiter())
                .get();
        try {
            this.text = new Utf8Reader(withoutByteOrderMark(in));
            this.parser = CSVParser.builder().setReader(new LineLengthGuard(text, limits.maxLineLength()))
                    .setFormat(format).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.records = parser.iterator();
        this.skipped = options.separatorLine() ? 1 : 0;
        if (options.separatorLine() && records.hasNext()) {
            records.next();
        }
    }

    @Override
    public SourceRecord next() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            checkUtf8(record);
            return new SourceRecord(record.getRecordNumber() - skipped, record.toList());
        } catch (UncheckedIOException | IllegalStateException e) {
            throw failure(e);
        }
    }

    private CsvFileException failure(RuntimeException e) {
        long row = parser.getRecordNumber() + 1 - skipped;
        Throwable cause = e.getCause();
        if (cause instanceof LineLengthGuard.LineTooLongException tooLong) {
            // The parser reads ahead, so the record it was on may end before the long line: name the line itself.
            return new CsvFileException("Line " + tooLong.line() + " of the file is longer than "
                    + limits.maxLineLength() + " characters, the limit (intake.limits.max-line-length); is it a CSV "
                    + "file with line ends?", e);
        }
        String detail = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
        return new CsvFileException("The file is not valid CSV from row " + row + " on: " + detail, e);
    }

    /**
     * Bytes that are not UTF-8 decode to U+FFFD; finding one stops the file at the first row that has it, rather
     * than importing garbled text. A U+FFFD the file really holds is kept.
     */
    private void checkUtf8(CSVRecord record) {
        for (int i = 0; i < record.size(); i++) {
            String cell = record.get(i);
            for (int at = cell.indexOf(Utf8Reader.REPLACEMENT); at >= 0;
                    at = cell.indexOf(Utf8Reader.REPLACEMENT, at + 1)) {
                if (text.isDecodingError(++replacementsSeen)) {
                    throw new CsvFileException("Row " + (record.getRecordNumber() - skipped) + ", " + ColumnNames.describe(i)
                            + " is not valid UTF-8 text; save the file as \"CSV UTF-8\" and upload it again", null);
                }
            }
        }
    }

    private static InputStream withoutByteOrderMark(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 3);
        byte[] head = pushback.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
                && (head[2] & 0xFF) == 0xBF;
        if (!bom) {
            pushback.unread(head);
        }
        return pushback;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
