-- import_row and import_outcome take a row per line of every file: millions per batch. Their foreign keys to
-- import_batch made PostgreSQL run a trigger and lock the batch row once per inserted row, which was half of
-- the staging time of a 1M-row file. Only the engine writes these rows, for a batch it has claimed, and
-- batches are never deleted (retention deletes their rows and keeps the batch), so the keys guarded nothing
-- the code does not already guarantee.
alter table import_row drop constraint import_row_batch_id_fkey;
alter table import_outcome drop constraint import_outcome_batch_id_fkey;
