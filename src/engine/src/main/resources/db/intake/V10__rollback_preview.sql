-- A rollback's dry run (a preview): who asked for it and with which roles, its chunks (marked dry_run, claimed as a
-- rollback's are, whatever the batch's status), and what a real rollback would do with each row. It writes nothing
-- else; a real rollback asked for later clears it.
create table import_rollback_preview (
    batch_id uuid primary key references import_batch (id) on delete cascade,
    requested_by text not null,
    requested_by_roles text[] not null,
    force boolean not null,
    requested_at timestamptz not null
);

alter table import_undo_chunk add column dry_run boolean not null default false;

create table import_undo_preview (
    batch_id uuid not null references import_batch (id) on delete cascade,
    row_number integer not null,
    result text not null check (result in ('UNDONE', 'KEPT', 'FAILED')),
    error_type text,
    reason text,
    at timestamptz not null,
    primary key (batch_id, row_number)
);

-- for an undo that takes values of the row's input besides the record's ID (a removal of what the row added to a
-- record, which the record's ID alone does not name), those values, kept with the row's images
alter table import_row_image add column input jsonb;

-- what kind of reason a row kept or failed has (CONFLICT for a record changed since or referred to, NOT_FOUND for one
-- gone, or the undo mutation's error type), as an import's failed rows have
alter table import_undo add column error_type text;
