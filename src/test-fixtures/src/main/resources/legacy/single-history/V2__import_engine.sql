-- The import engine: batches, their files, staged rows, chunks of work and per-row outcomes.

create table import_batch (
    id uuid primary key,
    template text not null,
    filename text not null,
    file_size bigint not null,
    sha256 text not null,
    source text not null check (source in ('UPLOAD', 'API', 'EMAIL')),
    email_record text,
    created_by text not null,
    status text not null,
    message text,
    created_at timestamptz not null,
    started_at timestamptz,
    ended_at timestamptz,
    -- how the file's columns map onto the template, fixed when the file is validated
    layout jsonb,
    total_rows integer,
    -- final counts, written when the batch ends; while it runs they are summed from its chunks
    processed_rows integer,
    success_count integer,
    error_count integer,
    -- lease on the file-level validation step
    lease_owner text,
    lease_expires_at timestamptz
);
create index import_batch_created_idx on import_batch (created_at desc, id desc);
create index import_batch_status_idx on import_batch (status, created_at);
-- At most one pending or running batch per template and file content: a second upload answers 409.
create unique index import_batch_active_content_key on import_batch (template, sha256)
    where status in ('PENDING', 'VALIDATING', 'PROCESSING');

-- The uploaded bytes, in parts of at most 1 MiB so that neither writing nor reading needs the whole file in memory.
create table import_file_part (
    batch_id uuid not null references import_batch (id) on delete cascade,
    part integer not null,
    bytes bytea not null,
    primary key (batch_id, part)
);

-- Data rows as read from the file. row_number is the record number in the file (the first data row of a
-- four-row template is 5); cells are in file column order.
create table import_row (
    batch_id uuid not null references import_batch (id) on delete cascade,
    row_number integer not null,
    cells text[] not null,
    parse_error text,
    primary key (batch_id, row_number)
);

create table import_chunk (
    id bigserial primary key,
    batch_id uuid not null references import_batch (id) on delete cascade,
    -- position within the batch; workers take chunks in this order across batches, so batches take turns
    seq integer not null,
    first_row integer not null,
    last_row integer not null,
    row_count integer not null,
    status text not null check (status in ('PENDING', 'RUNNING', 'DONE')),
    lease_owner text,
    lease_expires_at timestamptz,
    attempts integer not null default 0,
    success_count integer not null default 0,
    error_count integer not null default 0,
    finished_at timestamptz
);
create index import_chunk_batch_idx on import_chunk (batch_id, first_row);
create index import_chunk_open_idx on import_chunk (seq) where status <> 'DONE';

-- What became of each row, written in the same transaction as the row's data: a row with an outcome is never run again.
create table import_outcome (
    batch_id uuid not null references import_batch (id) on delete cascade,
    row_number integer not null,
    success boolean not null,
    entity_id text,
    error_type text check (error_type in ('PARSE', 'VALIDATION', 'LOOKUP', 'CONFLICT', 'NOT_FOUND', 'PERMISSION', 'INTERNAL')),
    field text,
    message text,
    primary key (batch_id, row_number)
);
create index import_outcome_failures_idx on import_outcome (batch_id, row_number) where not success;
