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
    private static final String[] STATUSES = { "ACTIVE", "INACTIVE", "LEAD" };

    private BenchFile() {
    }

    private static final String ACCOUNT_PREFIX = "Bench Account ";

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
        Path file = dir.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write("\r\n");
            for (int row = 1; row <= rows; row++) {
                out.write(line(row, accounts, emailPrefix));
                out.write("\r\n");
            }
        }
        return file;
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
