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

/**
 * What the same database does with the same file without Intake: COPY it; write it with batched JDBC, one statement
 * per row (the first baseline); with the strongest row-wise loader (multi-row statements); and set-based, COPY and
 * one statement (the ceiling).
 */
final class Baselines {

    private Baselines() {
    }

    /**
     * One cluster's baselines for an action, in rows a second.
     *
     * @param batchedJdbc today's: one statement per row in a JDBC batch, into the table with its foreign key
     * @param withoutKey the same without the foreign key, as the baseline was timed before 2026-12-03
     * @param rowWise the strongest row-wise loader ({@link #rowWise})
     * @param setBased COPY, then one statement ({@link #setBased})
     */
    record Rates(double copy, double batchedJdbc, double withoutKey, double rowWise, double setBased) {

        /** A rate as ratios of the row-wise loader, the set-based ceiling and today's batched JDBC. */
        String ratios(double rate) {
            return String.format(java.util.Locale.ROOT, "%.2f×, %.2f×, %.2f×", rate / rowWise, rate / setBased,
                    rate / batchedJdbc);
        }
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
     * Seconds for the strongest row-wise loader a careful engineer writes, with the same table, foreign key, commit
     * size (1,000 rows) and skipped bad rows as {@link #batchedJdbc}: creates and upserts as multi-row
     * {@code insert … values} of 200 rows (upserts with {@code on conflict do update}), updates as one
     * {@code update … from unnest(…)} per commit.
     */
    static double rowWise(DataSource database, Path csv, String organisation, boolean foreignKey, BenchAction action)
            throws SQLException, IOException {
        return load(database, csv, organisation, foreignKey, action, connection -> switch (action) {
            case CREATE -> new MultiRowInsert(connection, organisation, "");
            case UPSERT -> new MultiRowInsert(connection, organisation, UPSERT_SET);
            case UPDATE -> new UnnestUpdate(connection);
        });
    }

    /**
     * Seconds for the set-based ceiling: COPY the file into a staging table, then one {@code insert … select},
     * {@code update … from} or {@code insert … select … on conflict} from it, in one transaction, with the account
     * lookup as a join and the bad rows left out by the same rules.
     */
    static double setBased(DataSource database, Path csv, String organisation, boolean foreignKey, BenchAction action)
            throws SQLException, IOException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            table(database, statement, csv, organisation, foreignKey, action);
            statement.execute("drop table if exists bench_set_staging");
            statement.execute(action == BenchAction.UPDATE
                    ? "create table bench_set_staging (id text, account text, first_name text, last_name text, "
                            + "status text, phone text)"
                    : "create table bench_set_staging (account text, email_address text, first_name text, "
                            + "last_name text, status text, phone text)");
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy bench_set_staging from stdin with (format csv, header true)", in);
            }
            String fromStaging = " from bench_set_staging s join account a on a.organisation = ? and a.name = s.account"
                    + " where s.status <> 'RETIRED'";
            String sql = switch (action) {
                case CREATE -> "insert into bench_contact (account_id, first_name, last_name, status, phone, "
                        + "email_address, id, organisation) select a.id, s.first_name, s.last_name, s.status, "
                        + "nullif(s.phone, ''), s.email_address, row_number() over (), ?" + fromStaging
                        + " and s.email_address like '%@%'";
                case UPSERT -> "insert into bench_contact (account_id, first_name, last_name, status, phone, "
                        + "email_address, id, organisation) select a.id, s.first_name, s.last_name, s.status, "
                        + "nullif(s.phone, ''), s.email_address, row_number() over (), ?" + fromStaging
                        + " and s.email_address like '%@%'" + UPSERT_SET;
                case UPDATE -> "update bench_contact c set account_id = a.id, first_name = s.first_name, last_name ="
                        + " s.last_name, status = s.status, phone = nullif(s.phone, '')" + fromStaging
                        + " and c.id = split_part(convert_from(decode(s.id, 'base64'), 'UTF8'), ':', 2)::bigint";
            };
            try (PreparedStatement write = connection.prepareStatement(sql)) {
                int parameter = 1;
                if (action != BenchAction.UPDATE) {
                    write.setString(parameter++, organisation);
                }
                write.setString(parameter, organisation);
                write.executeUpdate();
            }
            connection.commit();
            double seconds = seconds(start);
            check(connection, csv, organisation, action, "the set-based ceiling");
            return seconds;
        }
    }

    /**
     * That a baseline wrote what Intake writes, untimed: a contact for every good row, or every good row's contact
     * changed (its last name set to {@code Changed…}), so that no baseline is fast by doing less.
     */
    private static void check(Connection connection, Path csv, String organisation, BenchAction action, String which)
            throws SQLException, IOException {
        int rows = rowsOf(csv);
        long expected = rows - BenchFile.badRows(rows);
        try (PreparedStatement count = connection.prepareStatement("select count(*) from bench_contact where"
                + " organisation = ?" + (action == BenchAction.CREATE ? "" : " and last_name like 'Changed%'"))) {
            count.setString(1, organisation);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                if (result.getLong(1) != expected) {
                    throw new IllegalStateException(which + " of " + action.template() + " wrote " + result.getLong(1)
                            + " contacts, not the " + expected + " good rows");
                }
            }
        }
    }

    private static final String UPSERT_SET = " on conflict (organisation, lower(email_address)) do update set"
            + " account_id = excluded.account_id, first_name = excluded.first_name, last_name = excluded.last_name,"
            + " status = excluded.status, phone = excluded.phone";

    /**
     * The copy of the contact table has its columns, defaults, checks and indexes ({@code like … including all}),
     * and, with {@code foreignKey}, its foreign key to account too, which {@code like} does not copy: PostgreSQL
     * then checks each row's account as it does for Intake's rows.
     */
    private static void table(DataSource database, Statement statement, Path csv, String organisation,
            boolean foreignKey, BenchAction action) throws SQLException, IOException {
        statement.execute("drop table if exists bench_contact");
        statement.execute("create table bench_contact (like contact including all)");
        if (foreignKey) {
            statement.execute("alter table bench_contact add foreign key (account_id) references account (id)");
        }
        action.insertExisting(database, "bench_contact", organisation, rowsOf(csv), BenchAction.Population.TIMED);
    }

    private static double batchedWrite(DataSource database, Path csv, String organisation, boolean foreignKey,
            BenchAction action, String sql) throws SQLException, IOException {
        return load(database, csv, organisation, foreignKey, action, connection -> new JdbcBatch(connection, sql,
                action, organisation));
    }

    /** A file's good rows, as the loaders write them. */
    private record Contact(long account, String firstName, String lastName, String status, String phone,
            String email, long id) {
    }

    /** How a loader writes rows: as they come, and all it holds at each commit. */
    private interface Loader extends AutoCloseable {
        void add(Contact row) throws SQLException;

        void flush() throws SQLException;

        @Override
        void close() throws SQLException;
    }

    @FunctionalInterface
    private interface LoaderFactory {
        Loader open(Connection connection) throws SQLException;
    }

    /** Reads the file, skips the rows that would fail, and commits every 1,000 rows; the seconds that took. */
    private static double load(DataSource database, Path csv, String organisation, boolean foreignKey,
            BenchAction action, LoaderFactory loaders) throws SQLException, IOException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            table(database, statement, csv, organisation, foreignKey, action);
            Map<String, Long> accounts = accounts(connection, organisation);
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            long id = 0;
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                    CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
                    Loader loader = loaders.open(connection)) {
                int held = 0;
                for (CSVRecord row : parser) {
                    Long account = accounts.get(row.get("account"));
                    if (account == null || row.get("status").equals("RETIRED")) {
                        continue;
                    }
                    String phone = row.get("phone").isEmpty() ? null : row.get("phone");
                    if (action == BenchAction.UPDATE) {
                        loader.add(new Contact(account, row.get("firstName"), row.get("lastName"), row.get("status"),
                                phone, null, dev.intake.id.GlobalId.decode("Contact", row.get("id")).orElseThrow()));
                    } else {
                        if (!row.get("emailAddress").contains("@")) {
                            continue;
                        }
                        loader.add(new Contact(account, row.get("firstName"), row.get("lastName"), row.get("status"),
                                phone, row.get("emailAddress"), ++id));
                    }
                    if (++held == 1000) {
                        loader.flush();
                        connection.commit();
                        held = 0;
                    }
                }
                loader.flush();
                connection.commit();
            }
            double seconds = seconds(start);
            check(connection, csv, organisation, action, "a baseline");
            return seconds;
        }
    }

    /** Today's baseline: one statement per row in a JDBC batch, as the driver sends it without rewriting. */
    private static final class JdbcBatch implements Loader {
        private final PreparedStatement write;
        private final BenchAction action;
        private final String organisation;

        JdbcBatch(Connection connection, String sql, BenchAction action, String organisation) throws SQLException {
            this.write = connection.prepareStatement(sql);
            this.action = action;
            this.organisation = organisation;
        }

        @Override
        public void add(Contact row) throws SQLException {
            write.setLong(1, row.account());
            write.setString(2, row.firstName());
            write.setString(3, row.lastName());
            write.setString(4, row.status());
            write.setString(5, row.phone());
            if (action == BenchAction.UPDATE) {
                write.setLong(6, row.id());
            } else {
                write.setString(6, row.email());
                write.setLong(7, row.id());
                write.setString(8, organisation);
            }
            write.addBatch();
        }

        @Override
        public void flush() throws SQLException {
            write.executeBatch();
        }

        @Override
        public void close() throws SQLException {
            write.close();
        }
    }

    /** Multi-row {@code insert … values} of up to 200 rows a statement, with an optional conflict clause. */
    private static final class MultiRowInsert implements Loader {
        private static final int ROWS_PER_STATEMENT = 200;
        private final Connection connection;
        private final String organisation;
        private final String conflict;
        private final java.util.List<Contact> held = new java.util.ArrayList<>();
        private final Map<Integer, PreparedStatement> statements = new HashMap<>();

        MultiRowInsert(Connection connection, String organisation, String conflict) {
            this.connection = connection;
            this.organisation = organisation;
            this.conflict = conflict;
        }

        @Override
        public void add(Contact row) throws SQLException {
            held.add(row);
            if (held.size() == ROWS_PER_STATEMENT) {
                write();
            }
        }

        @Override
        public void flush() throws SQLException {
            if (!held.isEmpty()) {
                write();
            }
        }

        private void write() throws SQLException {
            PreparedStatement insert = statements.get(held.size());
            if (insert == null) {
                StringBuilder sql = new StringBuilder("insert into bench_contact (account_id, first_name, last_name,"
                        + " status, phone, email_address, id, organisation) values ");
                for (int i = 0; i < held.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
                }
                insert = connection.prepareStatement(sql.append(conflict).toString());
                statements.put(held.size(), insert);
            }
            int parameter = 1;
            for (Contact row : held) {
                insert.setLong(parameter++, row.account());
                insert.setString(parameter++, row.firstName());
                insert.setString(parameter++, row.lastName());
                insert.setString(parameter++, row.status());
                insert.setString(parameter++, row.phone());
                insert.setString(parameter++, row.email());
                insert.setLong(parameter++, row.id());
                insert.setString(parameter++, organisation);
            }
            insert.executeUpdate();
            held.clear();
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
        }
    }

    /** One {@code update … from unnest(…)} of every row held at a commit. */
    private static final class UnnestUpdate implements Loader {
        private final Connection connection;
        private final PreparedStatement update;
        private final java.util.List<Contact> held = new java.util.ArrayList<>();

        UnnestUpdate(Connection connection) throws SQLException {
            this.connection = connection;
            this.update = connection.prepareStatement("update bench_contact c set account_id = u.account_id,"
                    + " first_name = u.first_name, last_name = u.last_name, status = u.status, phone = u.phone"
                    + " from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])"
                    + " as u(id, account_id, first_name, last_name, status, phone) where c.id = u.id");
        }

        @Override
        public void add(Contact row) {
            held.add(row);
        }

        @Override
        public void flush() throws SQLException {
            if (held.isEmpty()) {
                return;
            }
            update.setArray(1, connection.createArrayOf("bigint", held.stream().map(Contact::id).toArray()));
            update.setArray(2, connection.createArrayOf("bigint", held.stream().map(Contact::account).toArray()));
            update.setArray(3, connection.createArrayOf("text", held.stream().map(Contact::firstName).toArray()));
            update.setArray(4, connection.createArrayOf("text", held.stream().map(Contact::lastName).toArray()));
            update.setArray(5, connection.createArrayOf("text", held.stream().map(Contact::status).toArray()));
            update.setArray(6, connection.createArrayOf("text", held.stream().map(Contact::phone).toArray()));
            update.executeUpdate();
            held.clear();
        }

        @Override
        public void close() throws SQLException {
            update.close();
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
