package dev.intake.sets;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import dev.intake.batch.BatchCursor;
import dev.intake.batch.BatchStatus;
import dev.intake.batch.BatchStore;
import dev.intake.batch.ImportBatch;
import dev.intake.error.ConflictException;
import dev.intake.error.InvalidValueException;
import dev.intake.error.NotFoundException;
import dev.intake.imports.ImportService;
import dev.intake.imports.Page;
import dev.intake.processing.BatchCancellation;
import dev.intake.security.Caller;
import dev.intake.security.Uploader;
import dev.intake.undo.Rollbacks;

/**
 * What a caller can do with import sets, within the caller's organisation: upload one, read it with its batches, and
 * cancel or roll back all of it. Another organisation's set is as if it did not exist.
 */
@RequestScoped
public class ImportSets {

    /** From the worst to the best: a set's status is the first of these that one of its batches has. */
    private static final List<BatchStatus> WORST_FIRST = List.of(BatchStatus.FAILED, BatchStatus.VALIDATION_FAILED,
            BatchStatus.CANCELLED, BatchStatus.PARTIALLY_ROLLED_BACK, BatchStatus.PARTIAL_SUCCESS, BatchStatus.MAPPING,
            BatchStatus.ROLLING_BACK, BatchStatus.PROCESSING, BatchStatus.VALIDATING, BatchStatus.PENDING,
            BatchStatus.READY, BatchStatus.ROLLED_BACK, BatchStatus.COMPLETED);

    private static final Set<BatchStatus> CANCELLABLE = EnumSet.of(BatchStatus.PENDING, BatchStatus.VALIDATING,
            BatchStatus.MAPPING, BatchStatus.READY, BatchStatus.PROCESSING);

    @Inject
    Caller caller;

    @Inject
    SetIntake intake;

    @Inject
    SetStore sets;

    @Inject
    BatchStore batches;

    @Inject
    BatchCancellation cancellation;

    @Inject
    Rollbacks rollbacks;

    /** A set with its batches in run order, each with the batches it waits for. */
    public record SetState(ImportSet set, List<ImportBatch> batches, Map<UUID, List<UUID>> waitsFor) {

        /** The worst status of its batches. */
        public BatchStatus status() {
            for (BatchStatus status : WORST_FIRST) {
                if (batches.stream().anyMatch(batch -> batch.status() == status)) {
                    return status;
                }
            }
            return BatchStatus.PENDING;
        }

        public long sum(java.util.function.ToLongFunction<ImportBatch> count) {
            return batches.stream().mapToLong(count).sum();
        }
    }

    public ImportSet upload(List<SetIntake.SetFile> files, Map<String, String> sheetTemplates, boolean dryRun,
            String clientAddress) {
        return intake.create(files, sheetTemplates, dryRun, uploader(), clientAddress);
    }

    public Optional<SetState> find(String id) {
        Optional<UUID> uuid = uuid(id);
        return uuid.flatMap(value -> sets.find(value, caller.organisation())).map(this::state);
    }

    public SetState get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("id", "No import set of your organisation has the ID "
                + id));
    }

    /** The organisation's sets, newest first. */
    public Page<SetState> page(int first, String after) {
        if (first < 0 || first > ImportService.MAX_PAGE) {
            throw new InvalidValueException("first", "first must be between 0 and " + ImportService.MAX_PAGE
                    + ", got " + first);
        }
        BatchCursor cursor = null;
        if (after != null) {
            try {
                cursor = BatchCursor.decode(after);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("after", e.getMessage());
            }
        }
        List<SetState> states = sets.newestFirst(caller.organisation(), first + 1,
                cursor == null ? null : cursor.createdAt(), cursor == null ? null : cursor.id()).stream()
                .map(this::state).toList();
        return Page.of(states, first, state -> new BatchCursor(state.set().createdAt(), state.set().id()).encode());
    }

    /** Cancels every batch of the set that has not ended; answers the set as it is now. */
    public SetState cancel(String id) {
        SetState state = get(id);
        for (ImportBatch batch : state.batches()) {
            if (CANCELLABLE.contains(batch.status())) {
                try {
                    cancellation.cancel(batch, caller.user());
                } catch (ConflictException e) {
                    // it ended meanwhile
                }
            }
        }
        return get(id);
    }

    /**
     * Rolls back every batch of the set that can be, as the caller: the batches that refer to others' records first,
     * since a batch's undo waits for those of the batches that wait for it. Answers the set as it is now.
     */
    public SetState rollback(String id, boolean force) {
        SetState state = get(id);
        List<ImportBatch> rollbackable = new ArrayList<>();
        for (ImportBatch batch : state.batches()) {
            if (rollbacks.refusal(batch) == null && batch.status().canMoveTo(BatchStatus.ROLLING_BACK)) {
                rollbackable.add(batch);
            }
        }
        if (rollbackable.isEmpty()) {
            throw new ConflictException("id", "No batch of set " + id + " has committed rows to roll back");
        }
        for (int i = rollbackable.size() - 1; i >= 0; i--) {
            try {
                rollbacks.request(rollbackable.get(i), uploader(), force);
            } catch (ConflictException e) {
                // nothing of it is left to undo, or it changed meanwhile; the others go on
            }
        }
        return get(id);
    }

    private SetState state(ImportSet set) {
        List<SetStore.Member> members = sets.members(set.id());
        List<ImportBatch> found = members.stream().map(member -> batches.find(member.batch()).orElseThrow()).toList();
        Map<UUID, List<UUID>> waits = new java.util.LinkedHashMap<>();
        members.forEach(member -> waits.put(member.batch(), member.waitsFor()));
        return new SetState(set, found, waits);
    }

    private Uploader uploader() {
        return new Uploader(caller.user(), List.copyOf(caller.roles()), caller.organisation());
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
