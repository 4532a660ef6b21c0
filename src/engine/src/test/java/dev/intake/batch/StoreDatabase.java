package dev.intake.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.intake.db.Jdbc;
import dev.intake.schema.EngineSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL with Intake's schema for the stores' own tests, without Quarkus: an embedded server, migrated
 * as a starting application migrates it, in a session time zone that is not UTC (as a server
 * abroad would have), and the stores wired to it by hand.
 */
final class StoreDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    final DataSource dataSource;
    final BatchStore batches = new BatchStore();
    final ChunkStore chunks = new ChunkStore();
    final OutcomeStore outcomes = new OutcomeStore();
    final FileStore files = new FileStore();
    /** What the stores fired, as CDI would have delivered it. */
    final RecordedEvents<BatchStatusChanged> statusChanged = new RecordedEvents<>();
    final RecordedEvents<OutcomesWritten> outcomesWritten = new RecordedEvents<>();

    private static StoreDatabase shared;

    /** One database for every store test of the run: started at first use, stopped when the tests' JVM exits. */
    static synchronized StoreDatabase shared() {
        if (shared == null) {
            StoreDatabase database = new StoreDatabase();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    database.close();
                } catch (IOException e) {
                    // the JVM is going anyway
                }
            }, "store-database-stop"));
            shared = database;
        }
        return shared;
    }

    private StoreDatabase() {
        try {
            postgres = EmbeddedPostgres.builder().setServerConfig("timezone", "Pacific/Auckland").start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dataSource = postgres.getPostgresDatabase();
        EngineSchema.migrate(dataSource);
        Jdbc jdbc = Jdbc.on(dataSource);
        batches.jdbc = jdbc;
        batches.json = new ObjectMapper();
        batches.statusChanged = statusChanged;
        batches.outcomesWritten = outcomesWritten;
        batches.served = ServedTargets.of();
        chunks.jdbc = jdbc;
        chunks.served = ServedTargets.of();
        outcomes.jdbc = jdbc;
        outcomes.written = outcomesWritten;
        files.jdbc = jdbc;
    }

    /** Empties every engine table, between tests. */
    void empty() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("truncate intake.import_file_part, intake.import_row, intake.import_chunk, "
                    + "intake.import_outcome, intake.import_batch_event, intake.import_batch cascade");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row of a query. */
    long count(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (java.sql.ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection in a transaction of its own, that fails instead of waiting more than a moment for a lock. */
    Connection transaction() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("set lock_timeout = '200ms'");
        }
        return connection;
    }

    /** Stores that work in the given connection's transaction. */
    Stores in(Connection connection) {
        Jdbc jdbc = Jdbc.on(new SharedConnection(connection));
        BatchStore batchStore = new BatchStore();
        batchStore.jdbc = jdbc;
        batchStore.json = new ObjectMapper();
        batchStore.statusChanged = statusChanged;
        batchStore.outcomesWritten = outcomesWritten;
        batchStore.served = ServedTargets.of();
        ChunkStore chunkStore = new ChunkStore();
        chunkStore.jdbc = jdbc;
        chunkStore.served = ServedTargets.of();
        return new Stores(batchStore, chunkStore);
    }

    record Stores(BatchStore batches, ChunkStore chunks) {
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
