-- How a file is read besides its format: the CSV separator (comma, semicolon or tab, detected from the header row or
-- given on the upload), whether the file starts with Excel's sep= line, and the workbook sheet to read.
alter table import_batch add column delimiter text not null default ',' check (delimiter in (',', ';', E'\t'));
alter table import_batch add column separator_line boolean not null default false;
alter table import_batch add column sheet text;
-- Workbooks and NDJSON files are read too.
alter table import_batch drop constraint import_batch_format_check;
alter table import_batch add constraint import_batch_format_check check (format in ('CSV', 'NDJSON', 'XLSX'));
