package dev.intake.file.xlsx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

import dev.intake.file.ColumnNames;
import dev.intake.file.FileColumn;
import dev.intake.file.FileLayout;
import dev.intake.file.ReadLimits;
import dev.intake.file.RowSource;
import dev.intake.file.SourceRecord;
import dev.intake.file.UnreadableFileException;
import dev.intake.template.FieldType;
import dev.intake.template.TemplateColumn;

/**
 * Reads one sheet of an Excel workbook (.xlsx), streaming its rows with fastexcel-reader, as records numbered by
 * the sheet's own row numbers. Until the layout is known (the header rows), cells come as their plain values; then
 * each cell is read by the type of the field its column feeds ({@link SheetCell}). Error cells and formulas with no
 * calculated value become cell problems, which fail their row only where a field reads that column.
 * <p>
 * The workbook must have passed {@link WorkbookCheck} first: this class trusts its zip entries' sizes.
 */
public final class XlsxRowSource implements RowSource {

    private final ReadableWorkbook workbook;
    private final Stream<Row> rows;
    private final Iterator<Row> iterator;
    private final ReadLimits limits;
    private final String sheetName;
    private FieldType[] types = new FieldType[0];
    private int zoneColumn = -1;
    private long lastNumber;
    private Row lastRow;

    /**
     * @param sheet the sheet's name, or {@code null} for the first
     * @throws UnreadableFileException when the workbook cannot be opened or has no such sheet
     */
    public XlsxRowSource(Path file, ReadLimits limits, String sheet) {
        this.limits = limits;
        try {
            this.workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(WorkbookCheck.hasStyles(file), true));
        } catch (IOException | ExcelReaderException e) {
            throw new UnreadableFileException("The workbook could not be opened: " + WorkbookCheck.reason(e));
        }
        try {
            Sheet chosen = WorkbookCheck.sheet(workbook, sheet);
            this.sheetName = chosen.getName();
            this.rows = chosen.openStream();
            this.iterator = rows.iterator();
        } catch (IOException | ExcelReaderException e) {
            closeQuietly();
            throw new UnreadableFileException("The sheet could not be opened: " + WorkbookCheck.reason(e));
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    @Override
    public void useLayout(FileLayout layout) {
        Map<String, TemplateColumn> byReference = new HashMap<>();
        layout.templateColumns().forEach(column -> byReference.put(column.reference(), column));
        List<FileColumn> columns = layout.fileColumns();
        types = new FieldType[columns.size()];
        zoneColumn = -1;
        for (int i = 0; i < columns.size(); i++) {
            TemplateColumn field = columns.get(i).kind() == FileColumn.Kind.FIELD
                    ? byReference.get(columns.get(i).reference())
                    : null;
            types[i] = field == null ? null : field.type();
            if (types[i] == FieldType.TIME_ZONE && zoneColumn < 0) {
                zoneColumn = i;
            }
        }
    }

    @Override
    public SourceRecord next() {
        Row row;
        try {
            if (!iterator.hasNext()) {
                return null;
            }
            row = iterator.next();
        } catch (ExcelReaderException | UncheckedIOException e) {
            throw new UnreadableFileException("The sheet '" + sheetName + "' could not be read after row "
                    + lastNumber + ": " + WorkbookCheck.reason(e));
        }
        long number = Math.max(row.getRowNum(), lastNumber + 1);
        lastNumber = number;
        lastRow = row;
        return record(row, number);
    }

    @Override
    public SourceRecord again(SourceRecord record) {
        return lastRow != null && record.number() == lastNumber ? record(lastRow, lastNumber) : record;
    }

    private SourceRecord record(Row row, long number) {
        int width = width(row);
        if (width > limits.maxColumns()) {
            throw new UnreadableFileException("Row " + number + " of the sheet '" + sheetName + "' has a value in "
                    + ColumnNames.describe(width - 1) + "; the limit is " + limits.maxColumns()
                    + " columns (intake.limits.max-columns)");
        }
        ZoneId zone = zone(row);
        boolean date1904 = workbook.isDate1904();
        // A sheet stores no trailing empty cells: a row is as wide as the header, as a CSV row would be.
        int padded = Math.max(width, types.length);
        List<String> cells = new ArrayList<>(padded);
        Map<Integer, String> problems = new HashMap<>();
        for (int i = 0; i < padded; i++) {
            if (i >= width) {
                cells.add("");
                continue;
            }
            SheetCell.Read read = SheetCell.read(row.getCell(i), i < types.length ? types[i] : null, date1904, zone);
            cells.add(read.text());
            if (read.problem() != null) {
                problems.put(i, read.problem());
            }
        }
        return new SourceRecord(number, cells, null, problems);
    }

    /** Up to the row's last cell that holds something: trailing empty cells (only styled) don't count. */
    private static int width(Row row) {
        for (int i = row.getCellCount() - 1; i >= 0; i--) {
            Cell cell = row.getCell(i);
            if (cell != null && cell.getType() != CellType.EMPTY
                    && !(cell.getValue() instanceof String text && text.isEmpty())) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The time zone the row's TimeZone Name column names, for its TimeZoned DateTime columns' date cells. */
    private ZoneId zone(Row row) {
        if (zoneColumn < 0 || zoneColumn >= row.getCellCount() || row.getCell(zoneColumn) == null) {
            return null;
        }
        String name = row.getCell(zoneColumn).getText().strip();
        try {
            return name.isEmpty() ? null : ZoneId.of(name);
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            rows.close();
        } finally {
            workbook.close();
        }
    }

    private void closeQuietly() {
        try {
            workbook.close();
        } catch (IOException e) {
            // the opening failure is what matters
        }
    }
}
