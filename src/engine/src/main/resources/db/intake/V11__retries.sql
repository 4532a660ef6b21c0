-- Retries: a batch made of another batch's failed rows (source RETRY), or a corrected exceptions file uploaded for
-- it, is that batch's child. parent_row is the row of the parent a child's row stands for: the same number for a
-- retry, the Row Number column of an exceptions file; resolvedCount counts the parent's failed rows a descendant
-- imported since.
alter table import_batch add column parent_id uuid references import_batch (id);
create index import_batch_parent_idx on import_batch (parent_id) where parent_id is not null;
alter table import_batch drop constraint import_batch_source_check;
alter table import_batch add constraint import_batch_source_check
    check (source in ('UPLOAD', 'API', 'EMAIL', 'RETRY'));
alter table import_row add column parent_row integer;
