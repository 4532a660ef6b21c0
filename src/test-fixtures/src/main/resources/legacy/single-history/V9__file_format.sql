-- The format the upload sniffer decided for the file, so that validation reads it with the right reader.
alter table import_batch add column format text not null default 'CSV' check (format in ('CSV'));
