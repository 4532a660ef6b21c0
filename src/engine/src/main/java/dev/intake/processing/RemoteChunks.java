package dev.intake.processing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.batch.BatchStore;
import dev.intake.batch.Chunk;
import dev.intake.batch.ChunkStore;
import dev.intake.batch.OutcomeStore;
import dev.intake.batch.RowAction;
import dev.intake.batch.RowErrorType;
import dev.intake.batch.RowOutcome;
import dev.intake.batch.RunSettings;
import dev.intake.batch.SendingStore;
import dev.intake.config.IntakeConfig;
import dev.intake.db.NewTransaction;
import dev.intake.metrics.ImportMetrics;
import dev.intake.remote.DeliveryGuarantee;
import dev.intake.remote.RemoteAnswer;
import dev.intake.remote.RemoteSender;
import dev.intake.remote.TargetSlots;
import dev.intake.security.Uploader;
import dev.intake.template.ImportTemplate;
import dev.intake.template.WriteKind;

/**
 * Runs a claimed chunk's rows on a remote target, where no transaction is shared: each row is marked as sending in
 * PostgreSQL before its request leaves, and its outcome replaces the mark when the answer comes. A row found marked
 * with no outcome was in flight when a worker died.
 * <p>
 * Rows go out in as many requests at once as the target's slots allow ({@code max-concurrency} across every
 * instance, fewer while the target struggles: {@link TargetSlots}), each of one row, or of {@code rows-per-request}
 * rows as aliased mutation fields; a slot whose answer came carries the next rows at once. A request the target did not run (throttled, credentials refused, unreachable) is
 * sent again later: the batch pauses, says why and until when, and its chunk goes back to the queue. A row whose
 * answer was lost is settled as its template's {@link DeliveryGuarantee} allows. Where the template keeps images for
 * a rollback, {@link RemoteImages} reads them before the chunk's rows go and after they all have outcomes.
 */
@ApplicationScoped
class RemoteChunks {

    private static final Logger LOG = Logger.getLogger(RemoteChunks.class);

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration RENEW_SLOTS = Duration.ofSeconds(5);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(5);

    /**
     * How often a row must have been answered "not run" (a request error) before it fails, when its target answers a
     * probe after {@code unreachable-pause} without running anything of the chunk.
     */
    private static final int LEAST_NOT_RUN_TRIES = 3;

    @Inject
    RemoteSender sender;

    @Inject
    RemoteLookupStep lookups;

    @Inject
    Reconciliation reconciliation;

    @Inject
    TargetSlots slots;

    @Inject
    RemoteImages images;

    @Inject
    SendingStore sendings;

    @Inject
    OutcomeStore outcomes;

    @Inject
    ChunkStore chunks;

    @Inject
    BatchStore batches;

    @Inject
    NewTransaction transaction;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    @Inject
    ImportMetrics metrics;

    private final ExecutorService requests = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger number = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "intake-remote-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    @PreDestroy
    void stop() {
        requests.shutdownNow();
    }

    /**
     * Runs the chunk's rows that have no outcome yet; true when each has one, false when the chunk was left to be
     * taken up again (its lease lost, or its batch paused).
     */
    boolean run(Chunk chunk, String owner, RunSettings batch, ImportTemplate template, List<PreparedRow> prepared) {
        Uploader uploader = new Uploader(batch.createdBy(), batch.createdByRoles(), batch.organisation());
        batches.endTimedPause(chunk.batchId(), clock.instant());
        List<PreparedRow> rows = settleInFlight(chunk, owner, template, uploader, prepared);
        if (rows == null) {
            return false;
        }
        RemoteLookupStep.Step looked = lookups.resolve(chunk.batchId(), template, rows, uploader, batch);
        NotNowWait wait = new NotNowWait(chunk, owner, template);
        while (looked.notNow() != null) {
            if (!wait.waitOrPause(looked.notNow())) {
                return false;
            }
            looked = lookups.resolve(chunk.batchId(), template, rows, uploader, batch);
        }
        List<RowOutcome> decided = new ArrayList<>();
        Deque<PreparedRow> toSend = new ArrayDeque<>();
        for (PreparedRow row : looked.rows()) {
            if (row.decided() != null) {
                decided.add(row.decided());
            } else if (batch.dryRun()) {
                decided.add(RowOutcome.succeeded(row.rowNumber(), null, action(template), (row.note() == null ? ""
                        : row.note() + ". ") + "Checked: the file, the mapping, the values and the lookups; a dry run"
                        + " sends nothing to target " + template.target()));
            } else {
                toSend.add(row);
            }
        }
        if (!commit(chunk, owner, decided, List.of())) {
            return false;
        }
        boolean keepsImages = images.kept(batch, template);
        if (keepsImages && !images.before(chunk, owner, template, uploader, toSend)) {
            return false;
        }
        if (!send(chunk, owner, template, uploader, toSend)) {
            return false;
        }
        if (keepsImages) {
            images.after(chunk, template, uploader);
        }
        return true;
    }

    /**
     * Settles the rows a dead worker was sending, as the template's guarantee allows: sent again with their
     * idempotency keys, looked up by their natural key after the settle time, or made OUTCOME_UNKNOWN. The rows left
     * to run, or {@code null} when the chunk was given back (its lease lost, or its batch paused).
     */
    private List<PreparedRow> settleInFlight(Chunk chunk, String owner, ImportTemplate template, Uploader uploader,
            List<PreparedRow> prepared) {
        java.util.Map<Long, Instant> marked = sendings.markedAt(chunk.batchId(), chunk.firstRow(), chunk.lastRow());
        if (marked.isEmpty()) {
            return prepared;
        }
        DeliveryGuarantee guarantee = sender.guarantee(template);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            LOG.infof("Batch %s: %d row(s) were in flight to target %s when their worker stopped; they are sent again"
                    + " with their idempotency keys", chunk.batchId(), marked.size(), template.target());
            return prepared;
        }
        List<PreparedRow> inFlight = new ArrayList<>();
        List<PreparedRow> rest = new ArrayList<>();
        for (PreparedRow row : prepared) {
            (marked.containsKey(row.rowNumber()) ? inFlight : rest).add(row);
        }
        if (guarantee == DeliveryGuarantee.AT_LEAST_ONCE_DEDUPLICATED) {
            Instant lastSent = marked.values().stream().max(Instant::compareTo).orElseThrow();
            LOG.infof("Batch %s: %d row(s) were in flight to target %s when their worker stopped; they are looked up"
                    + " by %s once %d s have passed since they were sent", chunk.batchId(), inFlight.size(),
                    template.target(), sender.findBy(template), sender.settleTime(template.target()).toSeconds());
            if (!sleepHolding(chunk, owner, Duration.between(clock.instant(),
                    lastSent.plus(sender.settleTime(template.target()))))) {
                return null;
            }
            List<PreparedRow> again = reconcile(chunk, owner, template, uploader, inFlight);
            if (again == null) {
                return null;
            }
            rest.addAll(again);
            rest.sort(java.util.Comparator.comparingLong(PreparedRow::rowNumber));
            return rest;
        }
        List<RowOutcome> unknown = new ArrayList<>();
        for (PreparedRow row : inFlight) {
            unknown.add(RowOutcome.failed(row.rowNumber(), RowErrorType.OUTCOME_UNKNOWN, null, "Row "
                    + row.rowNumber() + ": it was being sent to target " + template.target() + " when the server"
                    + " sending it stopped; whether " + template.target() + " wrote it is not known, so it is not"
                    + " sent again. Check it in " + template.target()));
        }
        LOG.warnf("Batch %s: %d row(s) were in flight to target %s when their worker stopped; they are OUTCOME_UNKNOWN",
                chunk.batchId(), unknown.size(), template.target());
        return commit(chunk, owner, unknown, List.copyOf(marked.keySet())) ? rest : null;
    }

    /**
     * Looks rows whose answers were lost up by their natural key, waiting out a target that cannot answer now:
     * decided rows are written, and the rows whose record is not there are returned to be sent again; {@code null}
     * when the chunk was given back.
     */
    private List<PreparedRow> reconcile(Chunk chunk, String owner, ImportTemplate template, Uploader uploader,
            List<PreparedRow> rows) {
        NotNowWait wait = new NotNowWait(chunk, owner, template);
        while (true) {
            Reconciliation.Result result = reconciliation.reconcile(template, uploader, rows, action(template));
            if (result.notNow() == null) {
                List<Long> decided = result.decided().stream().map(RowOutcome::rowNumber).toList();
                return commit(chunk, owner, result.decided(), decided) ? result.again() : null;
            }
            if (!wait.waitOrPause(result.notNow())) {
                return null;
            }
        }
    }

    /** Sleeps, renewing the chunk's lease every third of it; false when the lease was lost. */
    private boolean sleepHolding(Chunk chunk, String owner, Duration wait) {
        Duration slice = config.worker().lease().dividedBy(3);
        Duration left = wait;
        while (left.compareTo(Duration.ZERO) > 0) {
            Duration step = left.compareTo(slice) < 0 ? left : slice;
            sleep(step);
            left = left.minus(step);
            if (!transaction.run(() -> NewTransaction.Ending.commit(holdLease(chunk, owner)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits for a target that did not answer now: a short throttle in place, an unreachable target with backoff
     * until {@code unreachable-pause}; otherwise the batch pauses and the chunk is given back.
     */
    private final class NotNowWait {
        private final Chunk chunk;
        private final String owner;
        private final ImportTemplate template;
        private Instant unreachableSince;
        private int tries;

        NotNowWait(Chunk chunk, String owner, ImportTemplate template) {
            this.chunk = chunk;
            this.owner = owner;
            this.template = template;
        }

        /** Waits; false when the batch paused or the lease was lost, so the chunk is no longer this worker's. */
        boolean waitOrPause(RemoteAnswer why) {
            if (why instanceof RemoteAnswer.Throttled throttled && waitsInPlace(throttled)) {
                waitOut(chunk, template.target(), throttled);
            } else if (why instanceof RemoteAnswer.NotSent && (unreachableSince == null || Duration.between(
                    unreachableSince, clock.instant()).compareTo(sender.unreachablePause(template.target())) < 0)) {
                unreachableSince = unreachableSince == null ? clock.instant() : unreachableSince;
                sleep(backoff(tries++));
            } else {
                return pause(chunk, owner, template, why, unreachableSince);
            }
            return transaction.run(() -> NewTransaction.Ending.commit(holdLease(chunk, owner)));
        }
    }

    /**
     * Sends the rows as a sliding window: as soon as a request's answer comes, its slot carries the next rows, so a
     * slow answer holds up its own slot and no other. Rows are marked as sending by the statement that records the
     * outcomes answered since the last one ({@link SendingStore#leaseRecordAndMark}), so PostgreSQL's work overlaps
     * the requests in flight. A row is marked only while its request may be in flight.
     * <p>
     * When an answer says the target did not run a request (throttled, unreachable, credentials refused) or a row's
     * answer was lost and must be looked up, no new request starts: the requests in flight end, their outcomes are
     * written, and then the worker waits, pauses the batch, or settles the rows in doubt, as the answer requires.
     */
    private boolean send(Chunk chunk, String owner, ImportTemplate template, Uploader uploader,
            Deque<PreparedRow> toSend) {
        Flights flights = new Flights(template, uploader);
        Instant unreachableSince = null;
        int failedTries = 0;
        java.util.Map<Long, Integer> notRunTries = new java.util.HashMap<>();
        DeliveryGuarantee guarantee = sender.guarantee(template);
        // rows whose answer was lost, sent again with the same key: never "not written"
        Set<Long> resentWithKey = new HashSet<>();
        // outcomes answered and marks to drop, written with the next marks (or before any wait, and at the end)
        List<RowOutcome> done = new ArrayList<>();
        List<Long> unmark = new ArrayList<>();
        List<PreparedRow> doubts = new ArrayList<>();
        RemoteAnswer notRun = null;
        // The slots are held while rows go, renewed with each transaction, and given back before any wait and at the
        // end.
        TargetSlots.Held held = null;
        Instant slotsRenewed = null;
        try {
            while (!toSend.isEmpty() || flights.count() > 0) {
                boolean draining = notRun != null || !doubts.isEmpty();
                List<Flight> starting = new ArrayList<>();
                if (!draining && !toSend.isEmpty()) {
                    int perRequest = sender.rowsPerRequest(template.target());
                    int requestsWanted = (toSend.size() + perRequest - 1) / perRequest;
                    if (flights.count() == 0) {
                        // what was answered is written before the slots may go back or be waited for: a row stays
                        // marked only while its request may be in flight, so a crash during the wait does not take
                        // answered rows for rows in doubt
                        if (!commit(chunk, owner, done, unmark)) {
                            return false;
                        }
                        done.clear();
                        unmark.clear();
                        int wanted = Math.min(requestsWanted, sender.maxConcurrency(template.target()));
                        if (held != null && !slots.fits(held, wanted)) {
                            slots.release(held);
                            held = null;
                        }
                        if (held == null) {
                            // the chunk's lease is kept while the worker waits for slots
                            held = slots.acquire(template.target(), wanted, () -> transaction.run(
                                    () -> NewTransaction.Ending.commit(holdLease(chunk, owner))));
                            slotsRenewed = null;
                        }
                        if (held.count() == 0) {
                            // the chunk is no longer this worker's, or the worker is stopping: what was answered is
                            // written if the chunk is still this worker's
                            commit(chunk, owner, done, unmark);
                            return false;
                        }
                    }
                    int free = Math.min(slots.usable(held) - flights.count(), requestsWanted);
                    if (free > 0) {
                        slots.waitForBudget(template.target(), free);
                        for (int request = 0; request < free; request++) {
                            List<PreparedRow> rows = new ArrayList<>(perRequest);
                            while (rows.size() < perRequest && !toSend.isEmpty()) {
                                rows.add(toSend.poll());
                            }
                            starting.add(new Flight(rows, rows.stream().map(row -> new SendingStore.Sending(
                                    row.rowNumber(), idempotencyKey(chunk, row))).toList()));
                        }
                    }
                }
                if (!starting.isEmpty()) {
                    List<SendingStore.Sending> marks = starting.stream().flatMap(f -> f.marks().stream()).toList();
                    List<RowOutcome> written = List.copyOf(done);
                    List<Long> dropped = List.copyOf(unmark);
                    TargetSlots.Held holding = held;
                    // the slots last a request timeout and 15 s; renewing them every few seconds is plenty
                    boolean renew = slotsRenewed == null || clock.instant().isAfter(slotsRenewed.plus(RENEW_SLOTS));
                    Boolean marked = transaction.run(() -> {
                        if (!sendings.leaseRecordAndMark(chunk, owner, clock.instant().plus(config.worker().lease()),
                                written, dropped, marks, clock.instant())) {
                            return NewTransaction.Ending.rollBack(false);
                        }
                        if (renew) {
                            slots.renew(holding);
                        }
                        return NewTransaction.Ending.commit(true);
                    });
                    if (!marked) {
                        return false;
                    }
                    slotsRenewed = renew ? clock.instant() : slotsRenewed;
                    done.clear();
                    unmark.clear();
                    starting.forEach(flights::start);
                }
                if (flights.count() == 0) {
                    // nothing in flight and nothing started: the rows are all sent, or the worker must wait
                    if (!draining) {
                        continue;
                    }
                } else {
                    for (Flight.Answered answered : flights.next()) {
                        observe(template, answered.answers(), answered.latency());
                        Flight flight = answered.flight();
                        List<PreparedRow> again = new ArrayList<>();
                        for (int i = 0; i < flight.rows().size(); i++) {
                            PreparedRow row = flight.rows().get(i);
                            RemoteAnswer answer = answered.answers().get(i);
                            if (answer instanceof RemoteAnswer.Unknown lost
                                    && guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
                                resentWithKey.add(row.rowNumber());
                                answer = new RemoteAnswer.NotSent(lost.reason()
                                        + "; sent again with the same idempotency key");
                            } else if (answer instanceof RemoteAnswer.Unknown
                                    && guarantee == DeliveryGuarantee.AT_LEAST_ONCE_DEDUPLICATED) {
                                // stays marked until it is looked up, so that a crash meanwhile leaves it in doubt
                                doubts.add(row);
                                continue;
                            }
                            unmark.add(row.rowNumber());
                            RowOutcome outcome = outcome(template, row, answer);
                            if (outcome != null) {
                                done.add(outcome);
                                unreachableSince = null;
                                failedTries = 0;
                            } else {
                                if (answer instanceof RemoteAnswer.NotSent) {
                                    notRunTries.merge(row.rowNumber(), 1, Integer::sum);
                                }
                                again.add(row);
                                if (!(answer instanceof RemoteAnswer.Again)) {
                                    notRun = stronger(notRun, answer);
                                }
                            }
                        }
                        for (int i = again.size() - 1; i >= 0; i--) {
                            toSend.addFirst(again.get(i));
                        }
                    }
                    if (flights.count() > 0 || (notRun == null && doubts.isEmpty())) {
                        continue;
                    }
                }
                // every request has ended, and the target did not run some rows or some answers were lost
                if (!commit(chunk, owner, done, unmark)) {
                    return false;
                }
                done.clear();
                unmark.clear();
                RemoteAnswer.Throttled throttleWait = null;
                Duration backoffWait = null;
                if (notRun instanceof RemoteAnswer.Throttled throttled && waitsInPlace(throttled)) {
                    throttleWait = throttled;
                } else if (notRun instanceof RemoteAnswer.NotSent) {
                    Instant now = clock.instant();
                    unreachableSince = unreachableSince == null ? now : unreachableSince;
                    Duration unreachable = Duration.between(unreachableSince, now);
                    if (unreachable.compareTo(sender.unreachablePause(template.target())) < 0) {
                        backoffWait = backoff(failedTries++);
                    } else if (sender.answersProbe(template.target(), uploader)) {
                        // the target runs other requests, and has not run these rows for all that time: the rows are
                        // the cause, so they fail (nothing of theirs was written) instead of pausing the batch again
                        // and again
                        List<PreparedRow> stuck = toSend.stream()
                                .filter(row -> notRunTries.getOrDefault(row.rowNumber(), 0) >= LEAST_NOT_RUN_TRIES)
                                .toList();
                        if (!commit(chunk, owner, notRunRows(template, stuck, notRunTries, resentWithKey, notRun,
                                unreachableSince), List.of())) {
                            return false;
                        }
                        toSend.removeAll(stuck);
                        unreachableSince = null;
                        failedTries = 0;
                    } else {
                        return pause(chunk, owner, template, notRun, unreachableSince);
                    }
                } else if (notRun != null) {
                    return pause(chunk, owner, template, notRun, unreachableSince);
                }
                notRun = null;
                // waits happen without the slots, so that other workers are not held up by this one
                if (held != null && (throttleWait != null || backoffWait != null || !doubts.isEmpty())) {
                    slots.release(held);
                    held = null;
                }
                if (throttleWait != null) {
                    waitOut(chunk, template.target(), throttleWait);
                }
                if (backoffWait != null) {
                    sleep(backoffWait);
                }
                if (!doubts.isEmpty()) {
                    // the settle time lets a request still in the target's hands commit before its record is looked for
                    if (!sleepHolding(chunk, owner, sender.settleTime(template.target()))) {
                        return false;
                    }
                    List<PreparedRow> notFound = reconcile(chunk, owner, template, uploader, doubts);
                    if (notFound == null) {
                        return false;
                    }
                    for (int i = notFound.size() - 1; i >= 0; i--) {
                        toSend.addFirst(notFound.get(i));
                    }
                    doubts.clear();
                }
            }
            return commit(chunk, owner, done, unmark);
        } finally {
            // a worker that gives its chunk up lets its requests end before their slots are free again
            flights.awaitAll();
            if (held != null) {
                slots.release(held);
            }
        }
    }

    /** A request's rows and their marks. */
    private record Flight(List<PreparedRow> rows, List<SendingStore.Sending> marks) {

        /** A request that was answered, with how long it took. */
        record Answered(Flight flight, List<RemoteAnswer> answers, Duration latency) {
        }
    }

    /** The requests a worker has in flight: started on the request threads, and taken as they are answered. */
    private final class Flights {
        private final ImportTemplate template;
        private final Uploader uploader;
        private final java.util.concurrent.CompletionService<Flight.Answered> answers =
                new java.util.concurrent.ExecutorCompletionService<>(requests);
        private int count;

        Flights(ImportTemplate template, Uploader uploader) {
            this.template = template;
            this.uploader = uploader;
        }

        int count() {
            return count;
        }

        void start(Flight flight) {
            count++;
            answers.submit(() -> {
                long sentAt = System.nanoTime();
                List<RemoteAnswer> answered;
                try {
                    answered = sender.sendRows(template, uploader,
                            flight.rows().stream().map(PreparedRow::variables).toList(),
                            flight.marks().stream().map(SendingStore.Sending::idempotencyKey).toList());
                } catch (RuntimeException e) {
                    answered = java.util.Collections.nCopies(flight.rows().size(),
                            new RemoteAnswer.Unknown("sending the row failed: " + e));
                }
                return new Flight.Answered(flight, answered, Duration.ofNanos(System.nanoTime() - sentAt));
            });
        }

        /** The next answer, waited for, and every other that came meanwhile. */
        List<Flight.Answered> next() {
            List<Flight.Answered> next = new ArrayList<>();
            try {
                next.add(answers.take().get());
                count--;
                for (Future<Flight.Answered> more = answers.poll(); more != null; more = answers.poll()) {
                    next.add(more.get());
                    count--;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the worker was stopped with requests in flight", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a request's thread failed", e.getCause());
            }
            return next;
        }

        /** Waits for the requests still in flight; their rows stay marked for whoever takes the chunk up. */
        void awaitAll() {
            while (count > 0) {
                try {
                    answers.take();
                    count--;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The row's outcome for an answer; {@code null} when the target did not run the request, so it goes again. */
    private static RowOutcome outcome(ImportTemplate template, PreparedRow row, RemoteAnswer answer) {
        long number = row.rowNumber();
        if (answer instanceof RemoteAnswer.Written written) {
            return RowOutcome.succeeded(number, written.entityId(), action(template), row.note());
        }
        if (answer instanceof RemoteAnswer.Failed failed) {
            return RowOutcome.failed(number, failed.failure().type(), failed.failure().field(),
                    failed.failure().message(number, template.columns()));
        }
        if (answer instanceof RemoteAnswer.Unknown unknown) {
            return RowOutcome.failed(number, RowErrorType.OUTCOME_UNKNOWN, null, "Row " + number + ": "
                    + unknown.reason() + "; whether target " + template.target() + " wrote it is not known, so it is"
                    + " not sent again. Check it in " + template.target());
        }
        return null;
    }

    /** The rows a target has not run since {@code since} although it answers a probe: failed, saying so. */
    private static List<RowOutcome> notRunRows(ImportTemplate template, List<PreparedRow> rows,
            java.util.Map<Long, Integer> tries, Set<Long> resentWithKey, RemoteAnswer why, Instant since) {
        String reason = why instanceof RemoteAnswer.NotSent notSent ? notSent.reason() : String.valueOf(why);
        return rows.stream().map(row -> resentWithKey.contains(row.rowNumber())
                ? RowOutcome.failed(row.rowNumber(), RowErrorType.OUTCOME_UNKNOWN, null, "Row " + row.rowNumber()
                        + ": " + reason + ", each of the " + tries.get(row.rowNumber()) + " times it was sent since "
                        + since + ", while target " + template.target() + " answers other requests; an earlier"
                        + " answer was lost, so whether it wrote the row is not known. Check it in "
                        + template.target())
                : RowOutcome.failed(row.rowNumber(), RowErrorType.INTERNAL, null, "Row " + row.rowNumber() + ": "
                        + reason + ", each of the " + tries.get(row.rowNumber()) + " times it was sent since " + since
                        + ", while target " + template.target() + " answers other requests; the row was not"
                        + " written")).toList();
    }

    /** What a create writes is a new record; an update changes one; the rest say neither. */
    private static RowAction action(ImportTemplate template) {
        WriteKind kind = template.writeKind();
        return kind == WriteKind.CREATE ? RowAction.CREATED : kind == WriteKind.UPDATE ? RowAction.UPDATED : null;
    }

    /** Of two reasons not to go on, the one that waits longest: refused, then unreachable, then throttled. */
    private static RemoteAnswer stronger(RemoteAnswer current, RemoteAnswer next) {
        if (current == null) {
            return next;
        }
        if (current instanceof RemoteAnswer.Refused || next instanceof RemoteAnswer.Throttled
                && current instanceof RemoteAnswer.NotSent) {
            return current;
        }
        if (next instanceof RemoteAnswer.Throttled throttledNext
                && current instanceof RemoteAnswer.Throttled throttledNow) {
            return throttledNext.until().isAfter(throttledNow.until()) ? next : current;
        }
        return next;
    }

    /**
     * Whether a throttle is short enough for the worker to wait it out holding its chunk (a third of the lease, so the
     * lease is still held when it sends again); a longer one gives the chunk back.
     */
    private boolean waitsInPlace(RemoteAnswer.Throttled throttled) {
        Duration wait = Duration.between(clock.instant(), throttled.until());
        return wait.compareTo(config.worker().lease().dividedBy(3)) <= 0;
    }

    /** Waits out a short throttle holding the chunk, the batch saying why and until when meanwhile. */
    private void waitOut(Chunk chunk, String target, RemoteAnswer.Throttled throttled) {
        batches.pause(chunk.batchId(), throttled.until(), "Waiting: " + throttled.reason()
                + "; the rows go on by themselves");
        Duration wait = Duration.between(clock.instant(), throttled.until());
        metrics.throttled(target, wait);
        sleep(wait);
        batches.endTimedPause(chunk.batchId(), throttled.until());
    }

    /** Pauses the batch for why its target did not run the rows, and gives the chunk back; always false. */
    private boolean pause(Chunk chunk, String owner, ImportTemplate template, RemoteAnswer why, Instant since) {
        if (why instanceof RemoteAnswer.Throttled throttled) {
            metrics.throttled(template.target(), Duration.between(clock.instant(), throttled.until()));
            batches.pause(chunk.batchId(), throttled.until(), "Waiting: " + throttled.reason() + "; the rows go on by"
                    + " themselves");
        } else if (why instanceof RemoteAnswer.Refused refused) {
            batches.pauseUntilResumed(chunk.batchId(), "Paused: " + refused.reason() + ". The batch resumes by itself"
                    + " when the target accepts again, or when an admin resumes it");
            LOG.warnf("Batch %s paused: %s", chunk.batchId(), refused.reason());
        } else {
            String reason = why instanceof RemoteAnswer.NotSent notSent ? notSent.reason() : String.valueOf(why);
            batches.pauseUntilResumed(chunk.batchId(), "Paused: " + reason + (since == null ? "" : " (since " + since
                    + ")") + ". The batch resumes by itself when the target answers again, or when an admin resumes it");
            LOG.warnf("Batch %s paused: %s", chunk.batchId(), reason);
        }
        chunks.release(chunk, owner);
        return false;
    }

    /** Writes outcomes and removes sending marks in one transaction under the chunk's lease; false when it was lost. */
    private boolean commit(Chunk chunk, String owner, List<RowOutcome> written, List<Long> unmark) {
        if (written.isEmpty() && unmark.isEmpty()) {
            return true;
        }
        return transaction.run(() -> {
            if (!holdLease(chunk, owner)) {
                return NewTransaction.Ending.rollBack(false);
            }
            outcomes.insertAll(chunk.batchId(), written);
            sendings.unmark(chunk.batchId(), unmark);
            return NewTransaction.Ending.commit(true);
        });
    }

    private boolean holdLease(Chunk chunk, String owner) {
        return chunks.holdLease(chunk, owner, clock.instant().plus(config.worker().lease()));
    }

    /** Tells the target's slots how its requests fared, so that the number in flight follows what it sustains. */
    private void observe(ImportTemplate template, List<RemoteAnswer> answers, Duration latency) {
        int answered = 0;
        boolean congested = false;
        for (RemoteAnswer answer : answers) {
            if (answer instanceof RemoteAnswer.Written || answer instanceof RemoteAnswer.Failed) {
                answered++;
            } else if (answer instanceof RemoteAnswer.Throttled || answer instanceof RemoteAnswer.NotSent
                    || answer instanceof RemoteAnswer.Unknown) {
                congested = true;
            }
        }
        slots.observe(template.target(), answered, latency, congested);
    }

    private static Duration backoff(int tries) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(tries, 5);
        return Duration.ofMillis(Math.min(millis, LONGEST_BACKOFF.toMillis()));
    }

    private static void sleep(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The row's idempotency key: stable for the batch and the row, whichever worker sends it and however often, and
     * telling nothing of the batch's contents.
     */
    static String idempotencyKey(Chunk chunk, PreparedRow row) {
        return RemoteSender.idempotencyKey(chunk.batchId() + ":" + row.rowNumber());
    }
}
