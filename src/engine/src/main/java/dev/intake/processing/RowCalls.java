package dev.intake.processing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

import org.jboss.logging.Logger;

import dev.intake.target.ErrorClassifier;
import dev.intake.target.RowSession;
import dev.intake.template.ImportTemplate;

/**
 * Runs rows' mutations in a chunk's session and reads what they answered: a failure that escapes a mutation (a bug,
 * or a database fault) becomes the row's failure, or, for a group, no single row's.
 */
final class RowCalls {

    private static final Logger LOG = Logger.getLogger(RowCalls.class);

    private final RowSession session;
    private final ErrorClassifier errors;
    private final UUID batchId;

    RowCalls(RowSession session, ErrorClassifier errors, UUID batchId) {
        this.session = session;
        this.errors = errors;
        this.batchId = batchId;
    }

    /** One row's mutation. */
    Invocation one(ImportTemplate template, long rowNumber, Map<String, Object> variables) {
        try {
            return Invocation.of(session.run(template, variables), errors);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Row %d of batch %s failed outside its mutation", rowNumber, batchId);
            return Invocation.failed(ExecutionErrors.ofException(e));
        }
    }

    /** A group of rows in one operation: each row's invocation, or why there are none. */
    GroupCall group(ImportTemplate template, List<Map<String, Object>> variables, IntConsumer rowStarts) {
        try {
            return session.runAll(template, variables, rowStarts)
                    .map(results -> GroupCall.ran(results.stream().map(result -> Invocation.of(result, errors)).toList()))
                    .orElse(GroupCall.REFUSED);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Rows of batch %s failed outside their mutations", batchId);
            return GroupCall.failed(Attempt.unattributable(ExecutionErrors.ofException(e)));
        }
    }

    /**
     * What a group's operation came to: each row's invocation; refused as a whole before any row ran (neither), so
     * that the rows run one at a time to find the one at fault; or failed outside the rows' mutations, so that its
     * transaction rolls back with the attempt.
     */
    record GroupCall(List<Invocation> invocations, Attempt failed) {

        static final GroupCall REFUSED = new GroupCall(null, null);

        static GroupCall ran(List<Invocation> invocations) {
            return new GroupCall(invocations, null);
        }

        static GroupCall failed(Attempt attempt) {
            return new GroupCall(null, attempt);
        }
    }
}
