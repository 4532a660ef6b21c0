-- Import sets: several files uploaded together (or the sheets of one workbook), each a batch of the set. A batch
-- waits for the batches of its set whose records its lookups refer to (waits_for): it is claimed only once they have
-- ended, and rolled back only once the batches that wait for it are. A set's status and counts are its batches'.
create table import_set (
    id uuid primary key,
    organisation text not null,
    created_by text not null,
    created_at timestamptz not null,
    dry_run boolean not null default false,
    -- the workbook the set was read from, or null for several files
    workbook text,
    -- sheets of the workbook that named no template and were left out
    ignored_sheets text[] not null default '{}'
);
create index import_set_created_idx on import_set (organisation, created_at desc, id desc);

alter table import_batch add column set_id uuid references import_set (id);
alter table import_batch add column waits_for uuid[] not null default '{}';
-- the batch's place in its set, in an order in which each comes after those it waits for
alter table import_batch add column set_position integer;
create index import_batch_set_idx on import_batch (set_id) where set_id is not null;
