package dev.intake.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;

/** What the same database does with the same file without Intake: COPY it, and insert it with batched JDBC. */
final class Baselines {

    private Baselines() {
    }

    /** Seconds to COPY the file into a text staging table. */
    static double copy(DataSource database, Path csv) throws SQLException, IOException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists bench_staging");
            statement.execute("create table bench_staging (account text, email_address text, first_name text, "
                    + "last_name text, status text, phone text)");
            long start = System.nanoTime();
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy bench_staging from stdin with (format csv, header true)", in);
            }
            return seconds(start);
        }
    }

    /**
     * Seconds to insert the file's rows into a copy of the contact table with batched JDBC, 1,000 rows per batch
     * and per commit, accounts resolved from a map read beforehand and rows that would fail skipped.
     */
    static double batchedJdbc(DataSource database, Path csv, String organisation, boolean foreignKey)
            throws SQLException, IOException {
        return batchedWrite(database, csv, organisation, foreignKey, BenchAction.CREATE, "insert into bench_contact (account_id, "
                + "first_name, last_name, status, phone, email_address, id, organisation) values (?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /**
     * Seconds to update the file's rows by ID in a copy of the contact table holding the existing contacts, with
     * batched JDBC, 1,000 rows per batch and per commit, rows that would fail skipped.
     */
    static double batchedUpdate(DataSource database, Path csv, String organisation, boolean foreignKey)
            throws SQLException, IOException {
        return batchedWrite(database, csv, organisation, foreignKey, BenchAction.UPDATE, "update bench_contact set account_id = ?, "
                + "first_name = ?, last_name = ?, status = ?, phone = ? where id = ?");
    }

    /**
     * Seconds to upsert the file's rows by email address into a copy of the contact table holding the existing
     * half, with {@code insert … on conflict do update}, batched as above.
     */
    static double batchedUpsert(DataSource database, Path csv, String organisation, boolean foreignKey)
            throws SQLException, IOException {
        return batchedWrite(database, csv, organisation, foreignKey, BenchAction.UPSERT, "insert into bench_contact (account_id, "
                + "first_name, last_name, status, phone, email_address, id, organisation) values (?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (organisation, lower(email_address)) do update set account_id = excluded.account_id, "
                + "first_name = excluded.first_name, last_name = excluded.last_name, status = excluded.status, "
                + "phone = excluded.phone");
    }

    /**
     * The copy of the contact table has its columns, defaults, checks and indexes ({@code like … including all}),
     * and, with {@code foreignKey}, its foreign key to account too, which {@code like} does not copy: PostgreSQL
     * then checks each row's account as it does for Intake's rows.
     */
    private static double batchedWrite(DataSource database, Path csv, String organisation, boolean foreignKey,
            BenchAction action, String sql) throws SQLException, IOException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists bench_contact");
            statement.execute("create table bench_contact (like contact including all)");
            if (foreignKey) {
                statement.execute("alter table bench_contact add foreign key (account_id) references account (id)");
            }
            action.insertExisting(database, "bench_contact", organisation, rowsOf(csv), BenchAction.Population.TIMED);
            Map<String, Long> accounts = accounts(connection, organisation);
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            long id = 0;
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                    CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
                    PreparedStatement write = connection.prepareStatement(sql)) {
                int batched = 0;
                for (CSVRecord row : parser) {
                    Long account = accounts.get(row.get("account"));
                    if (account == null || row.get("status").equals("RETIRED")) {
                        continue;
                    }
                    write.setLong(1, account);
                    write.setString(2, row.get("firstName"));
                    write.setString(3, row.get("lastName"));
                    write.setString(4, row.get("status"));
                    write.setString(5, row.get("phone").isEmpty() ? null : row.get("phone"));
                    if (action == BenchAction.UPDATE) {
                        write.setLong(6, dev.intake.id.GlobalId.decode("Contact", row.get("id")).orElseThrow());
                    } else {
                        if (!row.get("emailAddress").contains("@")) {
                            continue;
                        }
                        write.setString(6, row.get("emailAddress"));
                        write.setLong(7, ++id);
                        write.setString(8, organisation);
                    }
                    write.addBatch();
                    if (++batched == 1000) {
                        write.executeBatch();
                        connection.commit();
                        batched = 0;
                    }
                }
                write.executeBatch();
                connection.commit();
            }
            return seconds(start);
        }
    }

    /** The data rows of a file: its lines less the header. */
    private static int rowsOf(Path csv) throws IOException {
        try (var lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            return Math.toIntExact(lines.count() - 1);
        }
    }

    private static Map<String, Long> accounts(Connection connection, String organisation) throws SQLException {
        Map<String, Long> accounts = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("select name, id from account where organisation = ?")) {
            select.setString(1, organisation);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    accounts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return accounts;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
