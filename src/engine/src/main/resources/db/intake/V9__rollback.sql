-- Rollback of a finished import: the admin who asked for it and the roles the undo mutations run with, its chunks of
-- committed rows that workers claim under a lease as they claim an import's, and what became of each row. A row's
-- result is written in the transaction of its undo mutation, so a row is undone once, whatever dies on the way.
alter table import_batch
    add column rollback_by text,
    add column rollback_by_roles text[],
    add column rollback_force boolean not null default false;

create table import_undo_chunk (
    id bigserial primary key,
    batch_id uuid not null references import_batch (id) on delete cascade,
    seq integer not null,
    first_row integer not null,
    last_row integer not null,
    status text not null check (status in ('PENDING', 'RUNNING', 'DONE')),
    lease_owner text,
    lease_expires_at timestamptz,
    attempts integer not null default 0,
    finished_at timestamptz,
    processed_by text
);
create index import_undo_chunk_waiting_idx on import_undo_chunk (seq) where status <> 'DONE';
create index import_undo_chunk_batch_idx on import_undo_chunk (batch_id);

create table import_undo (
    batch_id uuid not null references import_batch (id) on delete cascade,
    row_number integer not null,
    result text not null check (result in ('UNDONE', 'KEPT', 'FAILED')),
    reason text,
    at timestamptz not null,
    primary key (batch_id, row_number)
);

-- what a committed row left, as the template's read query answered: the record after the row, and for an update
-- before it; written with the row's outcome, when the template declares a read
create table import_row_image (
    batch_id uuid not null references import_batch (id) on delete cascade,
    row_number integer not null,
    before jsonb,
    after jsonb,
    primary key (batch_id, row_number)
);

-- live progress: a rollback's chunk done notifies as an import's does
create or replace function notify_batch_changed() returns trigger language plpgsql as $$
begin
    if tg_table_name in ('import_chunk', 'import_undo_chunk') then
        perform pg_notify('intake_batch', new.batch_id::text);
    elsif tg_op = 'INSERT' or old.status is distinct from new.status then
        perform pg_notify('intake_batch', new.id::text || ':status');
    else
        perform pg_notify('intake_batch', new.id::text);
    end if;
    return null;
end
$$;

create trigger import_undo_chunk_done after update on import_undo_chunk
    for each row when (new.status = 'DONE' and old.status <> 'DONE')
    execute function notify_batch_changed();
