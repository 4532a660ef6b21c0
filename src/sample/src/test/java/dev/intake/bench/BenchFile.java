package dev.intake.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The benchmark's createContact file, the same every time: each row names one of the accounts, and one row in a
 * hundred is bad, in turn a malformed email address (bean validation), an unknown account (lookup) and an
 * unknown status (coercion).
 */
public final class BenchFile {

    public static final String HEADER = "account,emailAddress,firstName,lastName,status,phone";

    /**
     * The same columns as another system would export them: renamed and shuffled. Column n of this header holds
     * field {@code MAPPED_ORDER[n]} of {@link #HEADER}.
     */
    public static final String MAPPED_HEADER = "Status,E-mail,Company,Surname,Given name,Telephone";
    private static final int[] MAPPED_ORDER = { 4, 1, 0, 3, 2, 5 };

    /** The field each column of {@link #MAPPED_HEADER} fills, for mapColumns. */
    public static final java.util.List<String> MAPPED_FIELDS = java.util.List.of("input/status", "input/emailAddress",
            "input/account", "input/lastName", "input/firstName", "input/phone");
    private static final String[] STATUSES = { "ACTIVE", "INACTIVE", "LEAD" };

    private BenchFile() {
    }

    static final String ACCOUNT_PREFIX = "Bench Account ";

    public static String accountName(int number) {
        return ACCOUNT_PREFIX + number;
    }

    /** Inserts the accounts {@code 1..count} that the file's rows name, in one organisation. */
    public static void insertAccounts(DataSource database, String organisation, int count) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into account (id, organisation, name) "
                        + "select nextval('account_id_seq'), ?, ? || n from generate_series(1, ?) n")) {
            insert.setString(1, organisation);
            insert.setString(2, ACCOUNT_PREFIX);
            insert.setInt(3, count);
            insert.executeUpdate();
        }
    }

    public static boolean isBad(int row) {
        return row % 100 == 50;
    }

    public static int badRows(int rows) {
        int bad = 0;
        for (int row = 1; row <= rows; row++) {
            bad += isBad(row) ? 1 : 0;
        }
        return bad;
    }

    public static Path write(Path dir, String name, int rows, int accounts, String emailPrefix) throws IOException {
        return write(dir, name, rows, accounts, emailPrefix, false);
    }

    /** The file; with {@code mapped}, under {@link #MAPPED_HEADER} with its columns in that order. */
    public static Path write(Path dir, String name, int rows, int accounts, String emailPrefix, boolean mapped)
            throws IOException {
        Path file = dir.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(mapped ? MAPPED_HEADER : HEADER);
            out.write("\r\n");
            for (int row = 1; row <= rows; row++) {
                String line = line(row, accounts, emailPrefix);
                out.write(mapped ? shuffled(line) : line);
                out.write("\r\n");
            }
        }
        return file;
    }

    /**
     * The same rows in another format: {@code xlsx} a workbook fastexcel writes (text cells, as a spreadsheet holds
     * an export), {@code ndjson} one JSON object per line keyed by field name, blank cells left out; {@code csv}
     * the file itself. The benchmark's cells hold no commas or quotes, so a split reads them.
     */
    public static Path convert(Path csv, String format) throws IOException {
        if ("csv".equals(format)) {
            return csv;
        }
        String base = csv.getFileName().toString().replaceFirst("\\.csv$", "");
        Path converted = csv.resolveSibling(base + "." + format);
        try (java.io.BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String[] header = in.readLine().split(",", -1);
            if ("xlsx".equals(format)) {
                try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(converted))) {
                    org.dhatim.fastexcel.Workbook workbook = new org.dhatim.fastexcel.Workbook(out, "Intake benchmark",
                            "1.0");
                    org.dhatim.fastexcel.Worksheet sheet = workbook.newWorksheet("Contacts");
                    for (int c = 0; c < header.length; c++) {
                        sheet.value(0, c, header[c]);
                    }
                    int r = 1;
                    for (String line = in.readLine(); line != null; line = in.readLine(), r++) {
                        String[] cells = line.split(",", -1);
                        for (int c = 0; c < cells.length; c++) {
                            if (!cells[c].isEmpty()) {
                                sheet.value(r, c, cells[c]);
                            }
                        }
                        if (r % 10_000 == 0) {
                            sheet.flush();
                        }
                    }
                    workbook.finish();
                }
            } else if ("ndjson".equals(format)) {
                try (BufferedWriter out = Files.newBufferedWriter(converted, StandardCharsets.UTF_8)) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        String[] cells = line.split(",", -1);
                        StringBuilder json = new StringBuilder("{");
                        for (int c = 0; c < cells.length; c++) {
                            if (!cells[c].isEmpty()) {
                                json.append(json.length() > 1 ? "," : "").append('"').append(header[c]).append("\":\"")
                                        .append(cells[c]).append('"');
                            }
                        }
                        out.write(json.append("}\n").toString());
                    }
                }
            } else {
                throw new IllegalArgumentException("bench.format is csv, xlsx or ndjson, not " + format);
            }
        }
        return converted;
    }

    private static String shuffled(String line) {
        String[] cells = line.split(",", -1);
        String[] out = new String[cells.length];
        for (int i = 0; i < MAPPED_ORDER.length; i++) {
            out[i] = cells[MAPPED_ORDER[i]];
        }
        return String.join(",", out);
    }

    private static String line(int row, int accounts, String emailPrefix) {
        String account = accountName(row % accounts + 1);
        String email = emailPrefix + row + "@bench.example";
        String status = STATUSES[row % 3];
        if (isBad(row)) {
            switch ((row / 100) % 3) {
                case 0 -> email = "not-an-email-" + row;
                case 1 -> account = "Missing Account " + row;
                default -> status = "RETIRED";
            }
        }
        String phone = row % 3 == 0 ? "555 " + (1000 + row % 9000) : "";
        return account + "," + email + ",First" + row + ",Last" + (row % 977) + "," + status + "," + phone;
    }
}
