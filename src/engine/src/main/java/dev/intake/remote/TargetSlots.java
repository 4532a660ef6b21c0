package dev.intake.remote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.intake.config.IntakeConfig;
import dev.intake.db.Jdbc;
import dev.intake.metrics.ImportMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The requests in flight to each remote target, counted across every instance in PostgreSQL: a request holds one of
 * the target's slots ({@code max-concurrency} of them) while it is on its way, so no more than that many are in
 * flight to the target from all instances together. A slot whose holder died frees itself after the request timeout.
 * <p>
 * How many slots may be held adapts to what the target sustains, additive increase and multiplicative decrease: the
 * limit halves (at most once a second, whichever instance sees it) when the target throttles, cannot be reached, loses
 * answers, or answers much slower than it can; it grows by one after as many good requests as the limit. And where
 * the target reports a cost budget (Shopify's {@code throttleStatus}), a request waits until the budget has restored
 * what it costs, instead of being throttled.
 */
@ApplicationScoped
public class TargetSlots {

    private static final Logger LOG = Logger.getLogger(TargetSlots.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(5);
    private static final Duration LONGEST_WAIT = Duration.ofMillis(100);
    /** A waiter that has not asked for this long has stopped waiting (its instance died). */
    private static final Duration WAITER_GONE = Duration.ofSeconds(2);
    private static final Duration KEEP_HELD_EVERY = Duration.ofSeconds(1);
    /**
     * How long a slot outlives a request timeout: past that, its holder is taken for dead and the slot is free. Its
     * holder renews it every few seconds while it sends, so the margin covers that and the instances' clocks.
     */
    private static final Duration SLOT_MARGIN = Duration.ofSeconds(15);
    private static final Duration DECREASE_AT_MOST_EVERY = Duration.ofSeconds(1);

    private final Jdbc jdbc;
    private final Map<String, IntakeConfig.Target> configured;
    private final Clock clock;
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();
    private final Map<String, Health> health = new ConcurrentHashMap<>();

    private final ImportMetrics metrics;

    @Inject
    public TargetSlots(Jdbc jdbc, IntakeConfig config, Clock clock, ImportMetrics metrics) {
        this.jdbc = jdbc;
        this.configured = Map.copyOf(config.targets());
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Slots held by one claim: release them when its requests have answered. */
    public record Held(String target, List<Integer> slots, String holder) {

        public int count() {
            return slots.size();
        }
    }

    /**
     * Takes at least one of the target's free slots, waiting for one, then as many more as are free, up to
     * {@code wanted}, the target's current limit, and a fair share of it; empty when interrupted.
     * <p>
     * Workers of every instance wait in line ({@code intake.target_waiter}): free slots go to the one that has waited
     * longest, and it takes at most the limit divided by the number of workers waiting, so that a worker that frees
     * its slots at the end of a chunk and asks again at once does not keep them from another instance's workers.
     */
    public Held acquire(String target, int wanted) {
        return acquire(target, wanted, () -> true);
    }

    /**
     * {@link #acquire(String, int)} for a caller that holds something while it waits, such as a chunk's lease:
     * {@code stillHeld} is asked about once a second, keeps it, and says whether it is still the caller's. When it is
     * not, the wait ends with no slot.
     */
    public Held acquire(String target, int wanted, java.util.function.BooleanSupplier stillHeld) {
        prepare(target);
        Instant kept = clock.instant();
        String holder = UUID.randomUUID().toString();
        Duration wait = FIRST_WAIT;
        Instant since = clock.instant();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Instant now = clock.instant();
                Instant expires = now.plus(config(target).timeout()).plus(SLOT_MARGIN);
                List<Integer> slots = QuarkusTransaction.requiringNew().call(() -> {
                    jdbc.update("""
                            insert into intake.target_waiter (target, holder, since, seen_at) values (?, ?, ?, ?)
                            on conflict (target, holder) do update set seen_at = excluded.seen_at
                            """, target, holder, since, now);
                    List<String> line = jdbc.list("""
                            select holder from intake.target_waiter where target = ? and seen_at > ?
                            order by since, holder
                            """, row -> row.getString(1), target, now.minus(WAITER_GONE));
                    if (!line.isEmpty() && !line.get(0).equals(holder)) {
                        return List.<Integer>of();
                    }
                    int limit = currentLimit(target);
                    int share = Math.max(1, limit / Math.max(1, line.size()));
                    return jdbc.list("""
                            with free as (
                                select s.slot from intake.target_slot s
                                where s.target = ? and s.slot < ? and (s.holder is null or s.expires_at < ?)
                                order by s.slot limit ? for update skip locked)
                            update intake.target_slot s set holder = ?, expires_at = ?
                            from free where s.target = ? and s.slot = free.slot
                            returning s.slot
                            """, row -> row.getInt(1), target, limit, now, Math.min(Math.max(1, wanted), share), holder,
                            expires, target);
                });
                if (!slots.isEmpty()) {
                    // the limit as all instances left it, so that this one grows it from there
                    health(target).limit(limit(target));
                    metrics.slotsHeld(target, slots.size());
                    return new Held(target, List.copyOf(slots), holder);
                }
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
                if (clock.instant().isAfter(kept.plus(KEEP_HELD_EVERY))) {
                    if (!stillHeld.getAsBoolean()) {
                        break;
                    }
                    kept = clock.instant();
                }
            }
            return new Held(target, List.of(), holder);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> jdbc.update("""
                    delete from intake.target_waiter where target = ? and (holder = ? or seen_at < ?)
                    """, target, holder, clock.instant().minus(WAITER_GONE.multipliedBy(10))));
        }
    }

    /**
     * Whether held slots still fit the target's limit as this instance last saw it: when the limit fell below them,
     * or rose above them while the claim wants more, give them back and take again.
     */
    public boolean fits(Held held, int wanted) {
        Health seen = health.get(held.target());
        if (seen == null) {
            return true;
        }
        int limit = seen.limit();
        return held.count() <= limit && (held.count() >= wanted || held.count() >= limit);
    }

    /**
     * How many of the held slots may carry requests now: all of them, unless the target's limit fell below them since
     * they were taken. The slots are given back and taken again when the worker next has nothing in flight.
     */
    public int usable(Held held) {
        Health seen = health.get(held.target());
        return seen == null ? held.count() : Math.min(held.count(), seen.limit());
    }

    /** Extends held slots for another request timeout, in the caller's transaction; they stay this claim's. */
    public void renew(Held held) {
        if (held.slots().isEmpty()) {
            return;
        }
        jdbc.update("update intake.target_slot set expires_at = ? where target = ? and slot = any (?) and holder = ?",
                clock.instant().plus(config(held.target()).timeout()).plus(SLOT_MARGIN), held.target(),
                held.slots().toArray(Integer[]::new), held.holder());
    }

    /** Gives the slots back. */
    public void release(Held held) {
        if (held.slots().isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> jdbc.update("""
                    update intake.target_slot set holder = null, expires_at = null
                    where target = ? and slot = any (?) and holder = ?
                    """, held.target(), held.slots().toArray(Integer[]::new), held.holder()));
        } finally {
            metrics.slotsHeld(held.target(), -held.count());
        }
    }

    /**
     * What requests to the target just showed: {@code answered} of them were answered (well or with the row's errors)
     * within {@code latency}, the slowest; {@code congested} when any was throttled, lost its answer, or found the
     * target unreachable.
     */
    public void observe(String target, int answered, Duration latency, boolean congested) {
        Health seen = health(target);
        boolean slow = answered > 0 && seen.slow(latency);
        if (congested || slow) {
            seen.resetGood();
            Instant now = clock.instant();
            QuarkusTransaction.requiringNew().call(() -> jdbc.first("""
                    update intake.target_limit set current_limit = greatest(1, current_limit / 2), changed_at = ?
                    where target = ? and changed_at < ? and current_limit > 1
                    returning current_limit
                    """, row -> row.getInt(1), now, target, now.minus(DECREASE_AT_MOST_EVERY))).ifPresent(limit -> {
                        seen.limit(limit);
                        LOG.debugf("Target %s: at most %d requests in flight (%s)", target, limit, congested
                                ? "throttled, unreachable or answers lost" : "answers slower, " + latency.toMillis()
                                        + " ms");
                    });
            return;
        }
        int max = config(target).maxConcurrency();
        int limit = seen.limit();
        if (seen.addGood(answered) >= limit && limit < max) {
            seen.resetGood();
            QuarkusTransaction.requiringNew().call(() -> jdbc.first("""
                    update intake.target_limit set current_limit = least(?, current_limit + 1), changed_at = ?
                    where target = ?
                    returning current_limit
                    """, row -> row.getInt(1), max, clock.instant(), target)).ifPresent(seen::limit);
        }
    }

    /** How many requests may be in flight to the target now, from all instances. */
    public int limit(String target) {
        prepare(target);
        return QuarkusTransaction.requiringNew().call(() -> currentLimit(target));
    }

    private int currentLimit(String target) {
        return jdbc.first("select current_limit from intake.target_limit where target = ?", row -> row.getInt(1),
                target).orElse(config(target).maxConcurrency());
    }

    /**
     * What the target's last answer said of its cost budget (Shopify's {@code throttleStatus}): what is available,
     * what it restores per second, and what a request costs.
     */
    public void budget(String target, double available, double restoreRate, double cost) {
        if (restoreRate > 0 && cost > 0) {
            health(target).budget(available, restoreRate, cost, clock.instant());
        }
    }

    /**
     * Waits until the target's reported budget has restored what the requests about to be sent cost; no wait without
     * a report.
     */
    public void waitForBudget(String target, int requests) {
        Health seen = health.get(target);
        Duration wait = seen == null ? Duration.ZERO : seen.budgetWait(clock.instant(), requests);
        if (!wait.isZero()) {
            sleep(wait.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : wait);
        }
    }

    /** Creates the target's slots and limit once per instance; a changed max-concurrency changes the slots. */
    private void prepare(String target) {
        if (prepared.contains(target)) {
            return;
        }
        int max = config(target).maxConcurrency();
        QuarkusTransaction.requiringNew().run(() -> {
            jdbc.update("""
                    insert into intake.target_slot (target, slot) select ?, n from generate_series(0, ? - 1) n
                    on conflict do nothing
                    """, target, max);
            jdbc.update("delete from intake.target_slot where target = ? and slot >= ?", target, max);
            jdbc.update("""
                    insert into intake.target_limit (target, current_limit, changed_at) values (?, ?, ?)
                    on conflict (target) do update set current_limit = least(target_limit.current_limit, ?)
                    """, target, max, clock.instant(), max);
        });
        prepared.add(target);
    }

    private Health health(String target) {
        return health.computeIfAbsent(target, name -> new Health(config(name).maxConcurrency()));
    }

    private IntakeConfig.Target config(String target) {
        IntakeConfig.Target config = configured.get(target);
        if (config == null) {
            throw new IllegalArgumentException("No target is named " + target);
        }
        return config;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What this instance has seen of a target: its quickest answers lately, good answers since the limit last
     * changed, the limit as last seen, and its budget.
     */
    private static final class Health {
        private long quickestMillis = Long.MAX_VALUE;
        private int good;
        private int limit;
        private double available;
        private double restoreRate;
        private double cost;
        private Instant budgetAt;

        Health(int limit) {
            this.limit = limit;
        }

        /**
         * Whether answers are much slower than the target can answer: more than twice its quickest lately, and by
         * more than 50 ms. The quickest drifts up slowly, so that a target that became slower for good is learnt.
         */
        synchronized boolean slow(Duration latency) {
            long millis = latency.toMillis();
            quickestMillis = quickestMillis == Long.MAX_VALUE ? millis
                    : Math.min(millis, quickestMillis + Math.max(1, quickestMillis / 50));
            return millis > 2 * quickestMillis + 50;
        }

        synchronized int addGood(int answered) {
            good += answered;
            return good;
        }

        synchronized void resetGood() {
            good = 0;
        }

        synchronized int limit() {
            return limit;
        }

        synchronized void limit(int now) {
            limit = now;
        }

        /**
         * A report of the budget. It cannot know of the requests reserved here that have not reached the target yet,
         * so it lowers what is counted as available, never raises it.
         */
        synchronized void budget(double available, double restoreRate, double cost, Instant at) {
            if (budgetAt != null) {
                double projected = this.available + this.restoreRate * Duration.between(budgetAt, at).toMillis() / 1000.0;
                available = Math.min(available, projected);
            }
            this.available = available;
            this.restoreRate = restoreRate;
            this.cost = cost;
            this.budgetAt = at;
        }

        /**
         * How long until the budget holds what the requests cost, counting what it restored since the report; the
         * cost is taken from it at once, so that the next requests wait their turn.
         */
        synchronized Duration budgetWait(Instant now, int requests) {
            if (budgetAt == null) {
                return Duration.ZERO;
            }
            double projected = available + restoreRate * Duration.between(budgetAt, now).toMillis() / 1000.0;
            double needed = cost * requests;
            available = projected - needed;
            budgetAt = now;
            return projected >= needed ? Duration.ZERO
                    : Duration.ofMillis((long) Math.ceil((needed - projected) / restoreRate * 1000));
        }
    }
}
