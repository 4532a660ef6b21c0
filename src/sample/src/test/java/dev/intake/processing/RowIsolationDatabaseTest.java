package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.intake.support.Imports;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A rule only the database knows fails rows at flush time, where no row is named. The engine must find the
 * rows at fault, fail only them, and write every other row exactly once.
 */
@QuarkusTest
class RowIsolationDatabaseTest {

    @Inject
    ImportWorker worker;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void add_a_rule_the_mutation_does_not_check() throws SQLException {
        execute("alter table account add constraint account_no_boom check (name not like '%Boom%')");
    }

    @AfterEach
    void drop_it() throws SQLException {
        execute("alter table account drop constraint account_no_boom");
    }

    @Test
    void rows_failing_at_flush_fail_alone_and_the_others_are_written_once() throws SQLException {
        String prefix = UniqueNames.of("Isolation");
        List<String> lines = new ArrayList<>(List.of("name"));
        for (int i = 1; i <= 40; i++) {
            lines.add(prefix + (i == 7 || i == 23 || i == 40 ? " Boom " : " Fine ") + i);
        }
        String id = Imports.accepted("createAccount", "isolation.csv", Imports.csv(lines.toArray(String[]::new)));

        JsonPath batch = Imports.finish(worker, id);

        assertEquals("PARTIAL_SUCCESS", batch.getString("status"));
        assertEquals(37, batch.getInt("successCount"));
        assertEquals(3, batch.getInt("errorCount"));
        JsonPath failures = Imports.graphql("""
                query($id: ID!) { importBatch(id: $id) { failures { edges { node { rowNumber errorType message } } } } }
                """, Map.of("id", id));
        assertEquals(List.of(8, 24, 41), failures.getList("data.importBatch.failures.edges.node.rowNumber"));
        assertEquals(List.of("VALIDATION", "VALIDATION", "VALIDATION"),
                failures.getList("data.importBatch.failures.edges.node.errorType"));
        assertEquals("Row 8: a value breaks a rule of the database (account_no_boom)",
                failures.getString("data.importBatch.failures.edges[0].node.message"));
        assertEquals(37, count("select count(*) from account where name like ?", prefix + " Fine %"));
        assertEquals(37, count("select count(distinct name) from account where name like ?", prefix + " Fine %"));
        assertEquals(40, count("select count(*) from intake.import_outcome where batch_id = cast(? as uuid)", id));
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
