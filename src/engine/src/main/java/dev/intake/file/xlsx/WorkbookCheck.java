package dev.intake.file.xlsx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;

import dev.intake.file.UnreadableFileException;

/**
 * Checks a workbook before anything parses it: that it is a zip holding an Excel workbook, that no entry expands
 * beyond the size and compression-ratio limits (a zip bomb is refused before it is inflated into memory or XML
 * parsing), and which sheets it has. Every entry is inflated once, to a counter, so a size the zip's directory
 * understates is caught too.
 */
public final class WorkbookCheck {

    /** More entries than any workbook has; a zip with more is refused before its entries are read. */
    static final int MAX_ENTRIES = 10_000;

    /** Entries smaller than this expand as they like: tiny XML parts compress far better than data does. */
    private static final long RATIO_FLOOR = 1024 * 1024;

    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1};
    private static final byte[] ENCRYPTED_PACKAGE = "EncryptedPackage".getBytes(StandardCharsets.UTF_16LE);

    /**
     * How far a workbook's zip entries may expand.
     *
     * @param maxEntrySize the most bytes one entry may inflate to
     * @param maxCompressionRatio the most an entry over a megabyte may expand, as uncompressed over compressed size
     */
    public record Limits(long maxEntrySize, int maxCompressionRatio) {
    }

    private WorkbookCheck() {
    }

    /** Whether the file's first bytes are those of a zip archive. */
    public static boolean isZip(byte[] head, int length) {
        return length >= 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04;
    }

    /** Whether the file's first bytes are those of an OLE2 compound file: an .xls workbook, or an encrypted .xlsx. */
    public static boolean isOle2(byte[] head, int length) {
        if (length < OLE2.length) {
            return false;
        }
        for (int i = 0; i < OLE2.length; i++) {
            if (head[i] != OLE2[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why an OLE2 file cannot be read: a password-protected workbook (Office keeps the encrypted .xlsx in an OLE2
     * file with an {@code EncryptedPackage} stream) or the old binary .xls format.
     */
    public static String ole2Problem(Path file) {
        if (contains(file, ENCRYPTED_PACKAGE)) {
            return "The workbook is password-protected (encrypted); Intake cannot read it. Open it, remove the password "
                    + "(File, Info, Protect Workbook, Encrypt with Password, in Excel) and save it again, or save it as "
                    + "\"CSV UTF-8\"";
        }
        return "The file is an Excel 97-2003 workbook (.xls), a binary format Intake does not read; open it and save "
                + "it as an Excel workbook (.xlsx) or as \"CSV UTF-8\"";
    }

    /** Whether the zip archive holds an Excel workbook part. */
    public static boolean isWorkbook(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry("xl/workbook.xml") != null || zip.stream()
                    .anyMatch(entry -> entry.getName().toLowerCase(Locale.ROOT).equals("xl/workbook.xml"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether the workbook declares a styles part, which holds its number formats (and so which cells are dates);
     * minimal writers leave it out, and then no cell is a date cell.
     */
    static boolean hasStyles(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry types = zip.getEntry("[Content_Types].xml");
            if (types == null) {
                return false;
            }
            try (InputStream in = zip.getInputStream(types)) {
                return new String(in.readNBytes(1024 * 1024), StandardCharsets.UTF_8)
                        .contains("spreadsheetml.styles+xml");
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Checks the workbook's entries against the limits and returns the names of its sheets.
     *
     * @throws UnreadableFileException naming the entry and the limit it broke, or why the workbook cannot be opened
     */
    public static List<String> inspect(Path file, Limits limits) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new UnreadableFileException("The workbook's zip archive has " + zip.size()
                        + " entries; a workbook has a few dozen, and at most " + MAX_ENTRIES + " are read");
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory()) {
                    checkEntry(zip, entry, limits);
                }
            }
        } catch (ZipException e) {
            throw new UnreadableFileException("The workbook is damaged: its zip archive cannot be read ("
                    + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UnreadableFileException("The workbook could not be read: " + e.getMessage());
        }
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
            List<String> sheets = workbook.getSheets().map(Sheet::getName).toList();
            if (sheets.isEmpty()) {
                throw new UnreadableFileException("The workbook has no sheets");
            }
            return sheets;
        } catch (IOException | ExcelReaderException e) {
            throw new UnreadableFileException("The workbook could not be opened: " + reason(e));
        }
    }

    /** The names of the workbook's sheets in order; empty when it cannot be opened. */
    public static List<String> sheetNames(Path file) {
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
            return workbook.getSheets().map(Sheet::getName).toList();
        } catch (IOException | ExcelReaderException e) {
            return List.of();
        }
    }

    /** The sheet of that name, or the first when no name is given. */
    static Sheet sheet(ReadableWorkbook workbook, String name) {
        if (name == null) {
            return workbook.getSheet(0)
                    .orElseThrow(() -> new UnreadableFileException("The workbook has no sheets"));
        }
        return workbook.findSheet(name).orElseThrow(() -> new UnreadableFileException(
                missingSheet(name, workbook.getSheets().map(Sheet::getName).toList())));
    }

    /** The message for a sheet name the workbook lacks, listing those it has. */
    public static String missingSheet(String name, List<String> sheets) {
        return "The workbook has no sheet named '" + name + "'; its sheets are "
                + String.join(", ", sheets.stream().map(sheet -> "'" + sheet + "'").toList());
    }

    /** Inflates an entry to a counter, stopping at the first limit it breaks. */
    private static void checkEntry(ZipFile zip, ZipEntry entry, Limits limits) throws IOException {
        long compressed = Math.max(1, entry.getCompressedSize());
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > limits.maxEntrySize()) {
                    throw new UnreadableFileException("The workbook's part " + entry.getName() + " expands to more "
                            + "than " + limits.maxEntrySize() + " bytes, the limit (intake.limits.max-unzipped-size); "
                            + "split the data into smaller workbooks");
                }
                if (total > RATIO_FLOOR && total / compressed > limits.maxCompressionRatio()) {
                    throw new UnreadableFileException("The workbook's part " + entry.getName() + " expands more than "
                            + limits.maxCompressionRatio() + " times (" + compressed + " compressed bytes), the limit "
                            + "(intake.limits.max-compression-ratio); a workbook of real data compresses far less, so "
                            + "this looks like a zip bomb");
                }
            }
        }
    }

    /** Whether the file holds the bytes anywhere, read a buffer at a time. */
    private static boolean contains(Path file, byte[] needle) {
        byte[] buffer = new byte[64 * 1024 + needle.length];
        int carried = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer, carried, buffer.length - carried); n >= 0;
                    n = in.read(buffer, carried, buffer.length - carried)) {
                int filled = carried + n;
                if (indexOf(buffer, filled, needle) >= 0) {
                    return true;
                }
                carried = Math.min(needle.length - 1, filled);
                System.arraycopy(buffer, filled - carried, buffer, 0, carried);
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The cause of a reading failure in words, without the exception class names. */
    static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? "the file is damaged" : message;
    }
}
