-- Every business record and every batch belongs to an organisation; uniqueness holds within one.
-- Rows from before organisations existed are given to the organisation 'default'.
alter table account add column organisation text not null default 'default';
alter table account alter column organisation drop default;
drop index account_name_key;
create unique index account_name_key on account (organisation, name);

alter table contact add column organisation text not null default 'default';
alter table contact alter column organisation drop default;
drop index contact_email_address_key;
create unique index contact_email_address_key on contact (organisation, lower(email_address));

-- The uploader's identity, which the worker runs each row as, and where the upload came from.
alter table import_batch add column organisation text not null default 'default';
alter table import_batch alter column organisation drop default;
alter table import_batch add column created_by_roles text[] not null default '{}';
alter table import_batch add column client_address text;
drop index import_batch_active_content_key;
create unique index import_batch_active_content_key on import_batch (organisation, template, sha256)
    where status in ('PENDING', 'VALIDATING', 'PROCESSING');
drop index import_batch_created_idx;
create index import_batch_created_idx on import_batch (organisation, created_at desc, id desc);

-- Every status change of a batch: when, who (a user, or the worker instance), and why.
create table import_batch_event (
    id bigserial primary key,
    batch_id uuid not null references import_batch (id) on delete cascade,
    at timestamptz not null,
    actor text not null,
    status text not null,
    detail text
);
create index import_batch_event_batch_idx on import_batch_event (batch_id, id);
