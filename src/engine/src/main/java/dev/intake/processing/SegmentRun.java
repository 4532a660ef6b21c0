package dev.intake.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.intake.batch.RowOutcome;
import dev.intake.file.LookupPolicy;
import dev.intake.target.RowFailure;
import dev.intake.template.ImportTemplate;

/**
 * Runs a segment of a chunk's rows inside its transaction: resolves their lookup values and lets the domain preload
 * what they will find, then runs them in file order, in groups of up to {@code rowsPerOperation} where the template
 * allows, and alone a row that a lookup policy acts on. It ends with every row's outcome, or, at the first row that
 * spoils the transaction or a failure no row is to blame for, with the attempt to roll back with: no row after that
 * one runs.
 */
final class SegmentRun {

    private final ImportTemplate template;
    private final int rowsPerOperation;
    private final LookupPrefetch prefetch;
    private final Consumer<List<PreparedRow>> preload;
    private final LookupPolicies policies;
    private final RowCalls calls;
    private final Supplier<WriteState> writes;
    private final OutcomeRecording recording;
    private final ImageCapture images;

    /** The answers of the segment's rows that ran, by row number: the records they left, when the mutation says. */
    private Map<Long, Map<?, ?>> answers = Map.of();

    /**
     * @param preload lets the domain load what the segment's rows will find, before the first runs
     * @param writes the state of the transaction now: whether it can commit, and the writes it holds
     */
    SegmentRun(ImportTemplate template, int rowsPerOperation, LookupPrefetch prefetch,
            Consumer<List<PreparedRow>> preload, LookupPolicies policies, RowCalls calls, Supplier<WriteState> writes,
            OutcomeRecording recording, ImageCapture images) {
        this.template = template;
        this.rowsPerOperation = Math.max(1, rowsPerOperation);
        this.prefetch = prefetch;
        this.preload = preload;
        this.policies = policies;
        this.calls = calls;
        this.writes = writes;
        this.recording = recording;
        this.images = images;
    }

    SegmentResult run(List<PreparedRow> segment) {
        prefetch.prefetch(segment);
        preload.accept(segment);
        ImageCapture.Taken before = images.before(segment);
        // kept only where the template keeps images: no work per row for the others
        answers = images == ImageCapture.NONE ? null : new java.util.HashMap<>();
        List<RowOutcome> written = new ArrayList<>(segment.size());
        int next = 0;
        while (next < segment.size()) {
            List<Integer> group = new ArrayList<>();
            for (; next < segment.size() && group.size() < rowsPerOperation; next++) {
                PreparedRow row = segment.get(next);
                if (row.decided() != null) {
                    written.add(row.decided());
                } else if (policies.acting() && !policies.allMatch(row)) {
                    Attempt stop = runGroup(segment, group, written);
                    if (stop == null) {
                        stop = runWithPolicies(segment, next, written);
                    }
                    if (stop != null) {
                        return SegmentResult.rollBack(stop);
                    }
                    group.clear();
                } else {
                    group.add(next);
                }
            }
            Attempt stop = runGroup(segment, group, written);
            if (stop != null) {
                return SegmentResult.rollBack(stop);
            }
        }
        Map<Long, Map<?, ?>> answered = answers == null ? Map.of() : answers;
        return SegmentResult.done(written, () -> images.after(written, before, answered));
    }

    /**
     * Runs a group of the segment's rows (indices into it), in one operation when the template allows, and records
     * each row's outcome; the attempt to roll back with when a row spoilt the transaction, or {@code null}.
     */
    private Attempt runGroup(List<PreparedRow> segment, List<Integer> group, List<RowOutcome> written) {
        if (group.isEmpty()) {
            return null;
        }
        if (group.size() == 1 || !template.operation().nullableResult()) {
            for (int index : group) {
                WriteState before = writes.get();
                PreparedRow row = segment.get(index);
                Attempt stop = record(segment, index, calls.one(template, row.rowNumber(), row.variables()), before,
                        writes.get(), written, List.of());
                if (stop != null) {
                    return stop;
                }
            }
            return null;
        }
        WriteState[] starts = new WriteState[group.size() + 1];
        starts[0] = writes.get();
        List<Map<String, Object>> variables = new ArrayList<>(group.size());
        for (int index : group) {
            variables.add(segment.get(index).variables());
        }
        RowCalls.GroupCall call = calls.group(template, variables, row -> {
            if (row > 0 && row < group.size()) {
                starts[row] = writes.get();
            }
        });
        if (call.failed() != null) {
            return call.failed();
        }
        if (call.invocations() == null) {
            for (int index : group) {
                Attempt stop = runGroup(segment, List.of(index), written);
                if (stop != null) {
                    return stop;
                }
            }
            return null;
        }
        starts[group.size()] = writes.get();
        for (int k = 0; k < group.size(); k++) {
            Attempt stop = record(segment, group.get(k), call.invocations().get(k), starts[k], starts[k + 1], written,
                    List.of());
            if (stop != null) {
                return stop;
            }
        }
        return null;
    }

    /**
     * Runs a row whose lookup cell matches no record under a policy that acts: decided now, after the rows before it,
     * it runs alone, without the fields {@code blank} leaves out and after creating the records {@code create} names. A
     * row that created a record and then failed spoils the transaction, so nothing is created for a row that does not
     * import.
     */
    private Attempt runWithPolicies(List<PreparedRow> segment, int index, List<RowOutcome> written) {
        PreparedRow row = segment.get(index);
        LookupPolicies.Decision decision = policies.decide(row);
        WriteState before = writes.get();
        List<String> notes = new ArrayList<>(decision.notes());
        boolean createdAny = false;
        for (LookupPolicies.Creation creation : decision.creations()) {
            if (policies.lockAndMatch(creation)) {
                continue;
            }
            Invocation created = calls.one(creation.creator().template(), row.rowNumber(),
                    creation.creator().variables(creation.value()));
            if (!created.ok()) {
                RowFailure failure = new RowFailure(created.failure().type(), creation.column().reference(),
                        "could not create " + creation.noun() + " '" + creation.value() + "' ("
                                + LookupPolicy.CREATE.phrase() + "): " + created.failure().detail(),
                        created.failure().ownFault());
                if (createdAny && failure.ownFault()) {
                    return Attempt.poisoned(index, failure);
                }
                return record(segment, index, Invocation.failed(failure), before, writes.get(), written, List.of());
            }
            notes.add(creation.note());
            createdAny = true;
        }
        Invocation invocation = calls.one(template, row.rowNumber(), decision.variables());
        if (!invocation.ok() && createdAny && invocation.failure().ownFault()) {
            return Attempt.poisoned(index, policies.explain(invocation.failure()));
        }
        return record(segment, index, invocation, before, writes.get(), written, notes);
    }

    private Attempt record(List<PreparedRow> segment, int index, Invocation invocation, WriteState before,
            WriteState after, List<RowOutcome> written, List<String> notes) {
        OutcomeRecording.Recorded recorded = recording.record(segment.get(index), index, invocation, before, after, notes);
        if (recorded.rollback() != null) {
            return recorded.rollback();
        }
        written.add(recorded.outcome());
        if (answers != null && invocation.answer() != null && recorded.outcome().success()) {
            answers.put(recorded.outcome().rowNumber(), invocation.answer());
        }
        return null;
    }
}
