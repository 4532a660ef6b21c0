-- Webhooks: an organisation's URLs told when its batches end (and, when asked, when their status changes). Each
-- delivery is a row written in the transaction of the change it tells, so none is lost and none is made for a change
-- rolled back; workers on any instance send it, at least once, retrying with backoff, and record every attempt.
create table webhook (
    id uuid primary key,
    organisation text not null,
    url text not null,
    events text[] not null,
    secret text not null,
    created_by text not null,
    created_at timestamptz not null
);
create index webhook_organisation_idx on webhook (organisation);

create table webhook_delivery (
    id uuid primary key,
    webhook_id uuid not null references webhook (id) on delete cascade,
    batch_id uuid not null,
    event text not null,
    body text not null,
    status text not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    lease_owner text,
    lease_expires_at timestamptz,
    created_at timestamptz not null,
    ended_at timestamptz
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_webhook_idx on webhook_delivery (webhook_id, created_at desc);

create table webhook_attempt (
    delivery_id uuid not null references webhook_delivery (id) on delete cascade,
    attempt integer not null,
    at timestamptz not null,
    status_code integer,
    error text,
    millis integer not null,
    primary key (delivery_id, attempt)
);
