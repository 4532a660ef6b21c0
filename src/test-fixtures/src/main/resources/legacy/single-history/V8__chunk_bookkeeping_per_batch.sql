-- After each chunk a worker asks whether its batch has chunks left. Counting them walked every open chunk of
-- every batch (import_chunk_open_idx is ordered by position, for claiming), which grows with the file: a
-- 2M-row file has 4,000 chunks. This index answers for one batch at its first open chunk.
create index import_chunk_unfinished_idx on import_chunk (batch_id) where status <> 'DONE';
