-- The requests in flight to each remote target from every instance: a request holds one slot while it is on its way.
-- max-concurrency is the number of slots. A slot whose holder died frees itself at expires_at.
create table target_slot (
    target text not null,
    slot integer not null,
    holder text,
    expires_at timestamptz,
    primary key (target, slot)
);

-- How many of a target's slots may be held now: it falls when the target slows down or throttles, and rises again
-- when it recovers, within max-concurrency. Shared by every instance.
create table target_limit (
    target text primary key,
    current_limit integer not null check (current_limit >= 1),
    changed_at timestamptz not null
);
