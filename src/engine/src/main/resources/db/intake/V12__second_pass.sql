-- A file's second pass: rows that failed only because a lookup named a record of the template's own entity that a
-- later row of the same file creates run once more, after the rest of the file. second_pass_rows is how many did;
-- null while the batch has had no second pass.
alter table import_batch add column second_pass_rows integer;
