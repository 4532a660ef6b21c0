-- Which instance processed each chunk, so the work of several instances can be seen.
alter table import_chunk add column processed_by text;

-- The early-stop check runs once per batch, when its first rows are done.
alter table import_batch add column early_stop_checked boolean not null default false;

-- When the batch's files and rows were deleted; the batch record itself stays.
alter table import_batch add column purged_at timestamptz;
create index import_batch_purge_idx on import_batch (ended_at) where purged_at is null;
