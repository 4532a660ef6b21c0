package dev.intake.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

import dev.intake.id.GlobalId;

/**
 * What the benchmark's rows do to contacts: create them (the default), update existing ones by ID, or upsert them
 * by email address with half of them existing. The update and upsert runs insert the existing contacts first,
 * untimed, and their files change each contact's last name to {@code Changed…}, so that the rows that succeeded
 * can be counted in the table. One row in a hundred is bad in each, in three ways in turn.
 */
public enum BenchAction {
    CREATE("createContact", "account,emailAddress,firstName,lastName,status,phone"),
    UPDATE("updateContact", "id,account,firstName,lastName,status,phone"),
    UPSERT("upsertContact", "account,emailAddress,firstName,lastName,status,phone");

    /**
     * {@code -Dbench.keep-accounts=true}: each existing contact already belongs to the account its row names, so a
     * row changes the contact's details but not its account, as in most nightly re-imports. By default every
     * existing contact starts on one account and each row moves it to another, which changes the foreign key and
     * an indexed column, so that PostgreSQL cannot update the row in place (a HOT update).
     */
    static final boolean KEEP_ACCOUNTS = Boolean.getBoolean("bench.keep-accounts");
    /** {@code -Dbench.fillfactor=N}: the contact tables' fillfactor, which leaves room for updates in place. */
    static final Integer FILLFACTOR = Integer.getInteger("bench.fillfactor");

    /** Existing contacts get IDs from here on, far above what the sequence hands out in a benchmark. */
    static final long FIRST_ID = 100_000_000L;

    /**
     * Whose contacts a file names: the timed import's, or the warm-up's, which runs the same mutation in another
     * organisation so that a warm server has run the action's own code.
     */
    record Population(String emailPrefix, long firstId) {
        static final Population TIMED = new Population("user", FIRST_ID);
        static final Population WARM_UP = new Population("warm", 2 * FIRST_ID);
    }

    private final String template;
    private final String header;

    BenchAction(String template, String header) {
        this.template = template;
        this.header = header;
    }

    static BenchAction of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    String template() {
        return template;
    }

    /** Whether the row's contact exists before the import: none for create, all for update, even rows for upsert. */
    boolean exists(int row) {
        return this == UPDATE || this == UPSERT && row % 2 == 0;
    }

    /** The rows that exist before the import, untimed, in the benchmark's organisation (or a baseline's table). */
    void insertExisting(DataSource database, String table, String organisation, int rows, Population who)
            throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            if (FILLFACTOR != null) {
                statement.execute("alter table " + table + " set (fillfactor = " + FILLFACTOR + ")");
            }
            if (this == CREATE) {
                return;
            }
            String account = KEEP_ACCOUNTS
                    ? "(select id from account where organisation = '" + organisation + "' and name = '"
                            + BenchFile.ACCOUNT_PREFIX + "' || (n % " + ImportBenchmark.ACCOUNTS + " + 1))"
                    : "(select min(id) from account where organisation = '" + organisation + "')";
            statement.executeUpdate("insert into " + table + " (id, organisation, first_name, last_name, email_address, "
                    + "status, account_id) select " + who.firstId() + " + n, '" + organisation + "', 'Old' || n, 'Old', "
                    + "'" + who.emailPrefix() + "' || n || '@bench.example', 'LEAD', " + account
                    + " from generate_series(1, " + rows + ") n" + (this == UPSERT ? " where n % 2 = 0" : ""));
            statement.execute("analyze " + table);
        }
    }

    /** The file for this action, {@code rows} rows under a one-row header of field names. */
    Path write(Path dir, String name, int rows, int accounts, Population who) throws IOException {
        if (this == CREATE) {
            return BenchFile.write(dir, name, rows, accounts, who.emailPrefix());
        }
        Path file = dir.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header);
            out.write("\r\n");
            for (int row = 1; row <= rows; row++) {
                out.write(line(row, accounts, who));
                out.write("\r\n");
            }
        }
        return file;
    }

    private String line(int row, int accounts, Population who) {
        String account = BenchFile.accountName(row % accounts + 1);
        String first = "First" + row;
        String status = row % 3 == 0 ? "ACTIVE" : row % 3 == 1 ? "INACTIVE" : "LEAD";
        String phone = row % 3 == 0 ? "555 " + (1000 + row % 9000) : "";
        String key = this == UPDATE ? GlobalId.encode("Contact", who.firstId() + row)
                : who.emailPrefix() + row + "@bench.example";
        if (BenchFile.isBad(row)) {
            switch ((row / 100) % 3) {
                case 0 -> key = this == UPDATE ? GlobalId.encode("Contact", FIRST_ID * 9 + row) : "not-an-email-" + row;
                case 1 -> account = "Missing Account " + row;
                default -> status = "RETIRED";
            }
        }
        String last = "Changed" + (row % 977);
        return this == UPDATE ? String.join(",", key, account, first, last, status, phone)
                : String.join(",", account, key, first, last, status, phone);
    }

    /** How many contacts of the organisation the rows changed or created: those whose last name they set. */
    long changedInTable(DataSource database, String organisation) throws SQLException {
        String sql = "select count(*) from contact where organisation = ?"
                + (this == CREATE ? "" : " and last_name like 'Changed%'");
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, organisation);
            try (var result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
