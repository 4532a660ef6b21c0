-- Rows on their way to a remote target. A row is recorded here, with its idempotency key, before its request leaves,
-- and removed in the transaction that writes its outcome. A row found here with no outcome was in flight when its
-- worker died: it becomes OUTCOME_UNKNOWN and is never sent again.
create table import_sending (
    batch_id uuid not null,
    row_number integer not null,
    idempotency_key text not null,
    started_at timestamptz not null,
    sent_by text not null,
    primary key (batch_id, row_number)
);

alter table import_outcome drop constraint import_outcome_error_type_check;
alter table import_outcome add constraint import_outcome_error_type_check check (error_type in
    ('PARSE', 'VALIDATION', 'LOOKUP', 'CONFLICT', 'NOT_FOUND', 'PERMISSION', 'INTERNAL', 'OUTCOME_UNKNOWN'));

-- A batch whose target throttles it, refuses its credentials or cannot be reached waits: until paused_until, or,
-- when that is 'infinity', until a probe of the target succeeds or an admin resumes it. pause_reason says why.
alter table import_batch add column paused_until timestamptz;
alter table import_batch add column pause_reason text;

-- Of a chunk's and a batch's failed rows, those whose outcome is unknown: imported + failed = rows, and unknown is
-- the part of failed that a person has to check in the target.
alter table import_chunk add column unknown_count integer not null default 0;
alter table import_batch add column unknown_count integer;
