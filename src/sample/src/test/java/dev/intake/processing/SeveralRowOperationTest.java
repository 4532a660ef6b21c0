package dev.intake.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.batch.RowErrorType;
import dev.intake.graphql.MutationInvoker;
import dev.intake.security.Uploader;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import dev.intake.target.ErrorClassifier;
import dev.intake.target.RowSession;
import dev.intake.template.ImportTemplate;
import dev.intake.template.TemplateCatalog;
import dev.intake.training.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Rows that share one GraphQL operation: each runs its own mutation, its failure stays its own, and the engine is
 * told when each row starts, which is how it judges what a failed row left behind.
 */
@QuarkusTest
class SeveralRowOperationTest {

    @Inject
    MutationInvoker invoker;

    @Inject
    ErrorClassifier errors;

    @Inject
    TemplateCatalog templates;

    private final Uploader uploader = new Uploader("alice", List.of("accounts-writer"), Tokens.ORGANISATION);

    @Test
    void each_row_runs_its_mutation_and_its_start_is_reported() {
        String prefix = UniqueNames.of("Several");
        List<Integer> starts = new ArrayList<>();
        List<Invocation> invocations = run(List.of(account(prefix + " A"), account(" "),
                account(prefix + " C")), starts).orElseThrow();

        assertEquals(List.of(0, 1, 2), starts);
        assertTrue(invocations.get(0).ok());
        assertNotNull(invocations.get(0).entityId());
        assertEquals(RowErrorType.VALIDATION, invocations.get(1).failure().type());
        assertEquals("input/name", invocations.get(1).failure().field());
        assertTrue(invocations.get(2).ok());
        assertEquals(2L, QuarkusTransaction.requiringNew().call(() -> Account.count("name like ?1", prefix + "%")));
    }

    @Test
    void an_operation_refused_as_a_whole_runs_no_row() {
        String prefix = UniqueNames.of("Refused");
        List<Integer> starts = new ArrayList<>();
        Optional<List<Invocation>> invocations = run(List.of(account(prefix + " A"),
                Map.of("input", Map.of("nmae", prefix + " B"))), starts);

        assertTrue(invocations.isEmpty());
        assertEquals(List.of(), starts);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Account.count("name like ?1", prefix + "%")));
    }

    private Optional<List<Invocation>> run(List<Map<String, Object>> rows, List<Integer> starts) {
        ImportTemplate template = templates.byName("createAccount").orElseThrow();
        return QuarkusTransaction.requiringNew().call(() -> {
            try (RowSession session = invoker.open(uploader)) {
                return session.runAll(template, rows, starts::add)
                        .map(results -> results.stream().map(result -> Invocation.of(result, errors)).toList());
            }
        });
    }

    private static Map<String, Object> account(String name) {
        return Map.of("input", Map.of("name", name));
    }
}
