-- The workers waiting for a target's slots, from every instance, oldest first: free slots go to the oldest waiter,
-- at most its fair share of the limit, so that a worker that keeps freeing and taking slots cannot starve the others.
-- A waiter that stopped asking (its instance died) drops out once seen_at is a few seconds old.
create table target_waiter (
    target text not null,
    holder text not null,
    since timestamptz not null,
    seen_at timestamptz not null,
    primary key (target, holder)
);
