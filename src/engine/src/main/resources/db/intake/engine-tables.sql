-- Intake's engine: batches, their files, staged rows, chunks of work, per-row outcomes, the batches' history,
-- saved column mappings and custom field definitions. Run by the engine's first migration (EngineTables) in the
-- schema intake; no statement here names a schema.
--
-- It is the engine's layout as the last release with one migration history for engine and sample left it (that
-- history's V2 to V13, without what they did to the sample's tables), with the same table, column, constraint and
-- index names, so that a database migrated by that release, whose tables are moved here instead, is the same.

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
    lease_expires_at timestamptz,
    -- the uploader's identity, which the worker runs each row as, and where the upload came from
    organisation text not null,
    created_by_roles text[] not null default '{}',
    client_address text,
    -- dry runs, and how many rows created or updated a record
    dry_run boolean not null default false,
    created_count integer,
    updated_count integer,
    -- the early-stop check runs once per batch, when its first rows are done
    early_stop_checked boolean not null default false,
    -- when the batch's files and rows were deleted; the batch record itself stays
    purged_at timestamptz,
    -- the format the upload sniffer decided for the file
    format text not null default 'CSV' constraint import_batch_format_check check (format in ('CSV', 'NDJSON', 'XLSX')),
    -- the matcher's proposal for the file's columns, and the mapping the batch runs with
    mapping_proposal jsonb,
    mapping jsonb,
    -- the upload asked for its mapping to be reviewed by a person (mapping=review)
    mapping_review boolean not null default false,
    -- how a file is read besides its format: the CSV separator, Excel's sep= line, the workbook sheet
    delimiter text not null default ',' check (delimiter in (',', ';', E'\t')),
    separator_line boolean not null default false,
    sheet text
);
create index import_batch_status_idx on import_batch (status, created_at);
-- At most one pending or running batch per organisation, template and file content: a second upload answers 409.
create unique index import_batch_active_content_key on import_batch (organisation, template, sha256)
    where status in ('PENDING', 'VALIDATING', 'PROCESSING');
create index import_batch_created_idx on import_batch (organisation, created_at desc, id desc);
create index import_batch_purge_idx on import_batch (ended_at) where purged_at is null;

-- The uploaded bytes, in parts of at most 1 MiB so that neither writing nor reading needs the whole file in memory.
create table import_file_part (
    batch_id uuid not null references import_batch (id) on delete cascade,
    part integer not null,
    bytes bytea not null,
    primary key (batch_id, part)
);

-- Data rows as read from the file. row_number is the record number in the file (the first data row of a
-- four-row template is 5); cells are in file column order. import_row and import_outcome take a row per line of
-- every file, and have no foreign key to import_batch: it made PostgreSQL run a trigger and lock the batch row once
-- per inserted row. Only the engine writes them, for a batch it has claimed, and batches are never deleted.
create table import_row (
    batch_id uuid not null,
    row_number integer not null,
    cells text[] not null,
    parse_error text,
    primary key (batch_id, row_number),
    -- a field whose cell the file spoiled (a workbook's error cell): the row fails with VALIDATION on it
    problem_field text
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
    finished_at timestamptz,
    created_count integer not null default 0,
    updated_count integer not null default 0,
    -- which instance processed the chunk
    processed_by text
);
create index import_chunk_batch_idx on import_chunk (batch_id, first_row);
create index import_chunk_open_idx on import_chunk (seq) where status <> 'DONE';
-- whether one batch has chunks left, answered at its first open chunk
create index import_chunk_unfinished_idx on import_chunk (batch_id) where status <> 'DONE';

-- What became of each row, written in the same transaction as the row's data: a row with an outcome is never run again.
create table import_outcome (
    batch_id uuid not null,
    row_number integer not null,
    success boolean not null,
    entity_id text,
    error_type text check (error_type in ('PARSE', 'VALIDATION', 'LOOKUP', 'CONFLICT', 'NOT_FOUND', 'PERMISSION', 'INTERNAL')),
    field text,
    message text,
    primary key (batch_id, row_number),
    action text check (action in ('CREATED', 'UPDATED'))
);
create index import_outcome_failures_idx on import_outcome (batch_id, row_number) where not success;

-- Every status change of a batch: when, who (a user, or the worker instance), and why.
create table import_batch_event (
    id bigserial primary key,
    batch_id uuid not null references import_batch (id) on delete cascade,
    at timestamptz not null,
    actor text not null,
    status text not null,
    detail text
);
create index import_batch_event_batch_idx on import_batch_event (batch_id, id);

-- Custom fields: defined by an organisation's admins at run time; a domain stores their values with its records.
create table custom_field (
    id bigserial primary key,
    organisation text not null,
    entity text not null,
    name text not null,
    type text not null check (type in ('TEXT', 'NUMBER', 'DATE', 'BOOLEAN', 'FIXED')),
    required boolean not null,
    allowed_values text[] not null default '{}',
    created_at timestamptz not null default now()
);
create unique index custom_field_name_key on custom_field (organisation, entity, lower(name));

-- Mappings an organisation saved, by template and the exact set of a file's headers, so that the next file with
-- the same headers skips MAPPING; with their value maps and lookup policies.
create table saved_mapping (
    organisation text not null,
    template text not null,
    header_signature text not null,
    columns jsonb not null,
    value_maps jsonb not null default '{}',
    batch_id uuid not null,
    saved_by text not null,
    saved_at timestamptz not null,
    primary key (organisation, template, header_signature),
    lookup_policies jsonb not null default '{}'
);

-- Per header, what the organisation mapped it to before for a template (a null reference: ignored).
create table header_memory (
    organisation text not null,
    template text not null,
    header_key text not null,
    reference text,
    batch_id uuid not null,
    times integer not null,
    primary key (organisation, template, header_key)
);
