package dev.intake.processing;

import static dev.intake.support.Templates.aColumn;
import static dev.intake.support.Templates.aTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;

import dev.intake.batch.RowErrorType;
import dev.intake.batch.RowOutcome;
import dev.intake.file.FileColumn;
import dev.intake.file.FileLayout;
import dev.intake.target.LookupResolver;
import dev.intake.target.RowFailure;
import dev.intake.target.RowResult;
import dev.intake.target.RowSession;
import dev.intake.template.ImportTemplate;
import dev.intake.template.LookupField;
import dev.intake.template.TemplateColumn;
import dev.intake.template.WriteKind;
import graphql.GraphqlErrorBuilder;

/**
 * A segment's rows run in file order, in groups of the operation's size, and end with every row's outcome, or with
 * the attempt to roll back with at the first row that spoils the transaction, after which no row runs. Each row is a
 * name; the session answers it as the rows' mutation would.
 */
class SegmentRunTest {

    private static final ImportTemplate TEMPLATE = aTemplate("createPerson").with(aColumn("Name", "input/name")).build();
    private static final List<TemplateColumn> COLUMNS = TEMPLATE.columns();

    private final List<List<String>> operations = new ArrayList<>();
    private int queuedWrites;

    @Test
    void rows_run_in_groups_of_the_operations_size_and_decided_rows_keep_their_outcome() {
        SegmentResult result = run(2, List.of(row(5, "Ada"), row(6, "Grace"), decided(7), row(8, "Alan")));

        assertTrue(result.commits());
        assertEquals(List.of(List.of("Ada", "Grace"), List.of("Alan")), operations);
        assertEquals(List.of(5L, 6L, 7L, 8L), result.outcomes().stream().map(RowOutcome::rowNumber).sorted().toList());
        assertEquals("Person:Ada", result.outcomes().get(0).entityId());
    }

    @Test
    void a_row_that_fails_cleanly_is_recorded_and_the_others_go_on() {
        SegmentResult result = run(1, List.of(row(5, "Ada"), row(6, "bad"), row(7, "Alan")));

        assertTrue(result.commits());
        assertEquals(List.of(List.of("Ada"), List.of("bad"), List.of("Alan")), operations);
        RowOutcome failed = result.outcomes().stream().filter(outcome -> !outcome.success()).findFirst().orElseThrow();
        assertEquals(6, failed.rowNumber());
        assertEquals("Row 6, column Name (input/name): not a name", failed.message());
    }

    @Test
    void a_row_that_fails_after_writing_spoils_the_transaction_and_no_row_after_it_runs() {
        SegmentResult result = run(1, List.of(row(5, "Ada"), row(6, "dirty"), row(7, "Alan")));

        assertEquals(Attempt.poisoned(1, new RowFailure(RowErrorType.VALIDATION, "input/name", "not a name", true)),
                result.rollback());
        assertEquals(List.of(List.of("Ada"), List.of("dirty")), operations, "Alan never ran");
    }

    @Test
    void an_operation_refused_as_a_whole_runs_its_rows_one_at_a_time() {
        SegmentResult result = run(3, List.of(row(5, "Ada"), row(6, "refuse"), row(7, "Alan")));

        assertTrue(result.commits());
        assertEquals(List.of(List.of("Ada", "refuse", "Alan"), List.of("Ada"), List.of("refuse"), List.of("Alan")),
                operations);
        assertEquals(2, result.outcomes().stream().filter(RowOutcome::success).count());
    }

    @Test
    void a_failure_that_is_no_rows_own_rolls_back_with_no_row_to_blame() {
        SegmentResult result = run(1, List.of(row(5, "Ada"), row(6, "database")));

        assertNull(result.rollback().failure().field());
        assertEquals(-1, result.rollback().poisonedAt());
        assertEquals(RowErrorType.INTERNAL, result.rollback().failure().type());
    }

    private SegmentResult run(int rowsPerOperation, List<PreparedRow> segment) {
        FileLayout layout = new FileLayout(1, List.of(FileColumn.field("input/name")), COLUMNS, "v1");
        LookupPolicies policies = new LookupPolicies(layout, NO_LOOKUPS, "acme", column -> Optional.empty());
        RowCalls calls = new RowCalls(new Session(), errors -> errors.get(0).getMessage().equals("database")
                ? new RowFailure(RowErrorType.INTERNAL, null, "a database write failed", false)
                : new RowFailure(RowErrorType.VALIDATION, "input/name", errors.get(0).getMessage(), true), UUID.randomUUID());
        return new SegmentRun(TEMPLATE, rowsPerOperation, new LookupPrefetch(NO_LOOKUPS, COLUMNS, "acme"), rows -> {
        }, policies, calls, () -> new WriteState(true, queuedWrites),
                new OutcomeRecording(COLUMNS, WriteKind.CREATE, policies), ImageCapture.NONE).run(segment);
    }

    /** Answers each row by its name: "bad" fails cleanly, "dirty" fails after queueing a write, "refuse" refuses. */
    private final class Session implements RowSession {

        @Override
        public RowResult run(ImportTemplate template, Map<String, Object> variables) {
            String name = name(variables);
            operations.add(List.of(name));
            return answer(name);
        }

        @Override
        public RowResult query(String document, Map<String, Object> variables) {
            throw new AssertionError("the test's template keeps no images, so nothing is read: " + document);
        }

        @Override
        public Optional<List<RowResult>> runAll(ImportTemplate template, List<Map<String, Object>> rows,
                IntConsumer rowStarts) {
            List<String> names = rows.stream().map(SegmentRunTest::name).toList();
            operations.add(names);
            if (names.contains("refuse")) {
                return Optional.empty();
            }
            List<RowResult> results = new ArrayList<>();
            for (int row = 0; row < names.size(); row++) {
                rowStarts.accept(row);
                results.add(answer(names.get(row)));
            }
            return Optional.of(results);
        }

        private RowResult answer(String name) {
            return switch (name) {
                case "bad", "refuse" -> failure("not a name");
                case "dirty" -> {
                    queuedWrites++;
                    yield failure("not a name");
                }
                case "database" -> failure("database");
                default -> RowResult.of(Map.of("id", "Person:" + name));
            };
        }

        private RowResult failure(String message) {
            return RowResult.failed(List.of(GraphqlErrorBuilder.newError().message(message).build()));
        }

        @Override
        public void close() {
        }
    }

    @SuppressWarnings("unchecked")
    private static String name(Map<String, Object> variables) {
        return (String) ((Map<String, Object>) variables.get("input")).get("name");
    }

    private static PreparedRow row(long number, String name) {
        return new PreparedRow(number, Map.of("input", Map.of("name", name)), null);
    }

    private static PreparedRow decided(long number) {
        return new PreparedRow(number, null, RowOutcome.failed(number, RowErrorType.PARSE, null, "Row " + number + ": unreadable"));
    }

    private static final LookupResolver NO_LOOKUPS = new LookupResolver() {
        @Override
        public Optional<LookupNouns> nouns(LookupField lookup) {
            return Optional.empty();
        }

        @Override
        public void prefetch(LookupField lookup, String organisation, Collection<String> values) {
        }

        @Override
        public boolean matches(LookupField lookup, String organisation, String inputField, String value) {
            return true;
        }

        @Override
        public boolean lockAndMatch(LookupField lookup, String organisation, String inputField, String value) {
            return true;
        }

        @Override
        public Set<String> unmatched(LookupField lookup, String organisation, Collection<String> values) {
            return Set.of();
        }
    };
}
