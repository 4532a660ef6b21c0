-- The rest of the training company's domain: locations, currencies, course templates, events and their prices.

alter table account add column parent_id bigint references account (id);

create sequence location_id_seq increment by 50;
create table location (
    id bigint primary key,
    organisation text not null,
    name text not null,
    street text not null,
    city text not null,
    postcode text,
    country text not null,
    time_zone text not null,
    wheelchair_accessible boolean
);
create index location_name_idx on location (organisation, name);

-- Reference data shared by every organisation.
create sequence currency_id_seq increment by 50;
create table currency (
    id bigint primary key,
    code text not null unique,
    name text not null
);
insert into currency (id, code, name) values
    (1, 'EUR', 'Euro'), (2, 'USD', 'US Dollar'), (3, 'GBP', 'Pound Sterling'), (4, 'CHF', 'Swiss Franc'),
    (5, 'JPY', 'Yen'), (6, 'CAD', 'Canadian Dollar'), (7, 'AUD', 'Australian Dollar'), (8, 'SEK', 'Swedish Krona'),
    (9, 'NOK', 'Norwegian Krone'), (10, 'DKK', 'Danish Krone'), (11, 'PLN', 'Zloty'), (12, 'INR', 'Indian Rupee'),
    (13, 'CNY', 'Yuan Renminbi'), (14, 'BRL', 'Brazilian Real'), (15, 'ZAR', 'Rand');
select setval('currency_id_seq', 51, false);

create sequence course_template_id_seq increment by 50;
create table course_template (
    id bigint primary key,
    organisation text not null,
    code text not null,
    title text not null,
    description text
);
create unique index course_template_code_key on course_template (organisation, code);

create sequence event_id_seq increment by 50;
create table event (
    id bigint primary key,
    organisation text not null,
    course_template_id bigint not null references course_template (id),
    location_id bigint not null references location (id),
    title text not null,
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    time_zone text not null,
    capacity integer not null,
    price numeric(12, 2),
    status text not null check (status in ('DRAFT', 'PUBLISHED', 'CANCELLED')),
    registration_opens timestamp
);
create index event_title_idx on event (organisation, title);

create sequence event_price_id_seq increment by 50;
create table event_price (
    id bigint primary key,
    organisation text not null,
    event_id bigint not null references event (id),
    currency_id bigint not null references currency (id),
    amount numeric(12, 2) not null
);
create unique index event_price_key on event_price (event_id, currency_id);

-- Custom fields: defined by an organisation's admins at run time, stored with each record as JSON.
create table custom_field (
    id bigserial primary key,
    organisation text not null,
    entity text not null,
    name text not null,
    type text not null check (type in ('TEXT', 'NUMBER', 'DATE', 'BOOLEAN', 'FIXED')),
    required boolean not null,
    allowed_values text[] not null default '{}',
    created_at timestamptz not null default now()
);
create unique index custom_field_name_key on custom_field (organisation, entity, lower(name));
alter table contact add column custom_fields jsonb not null default '{}';

-- Dry runs, and whether each row created or updated a record.
alter table import_batch add column dry_run boolean not null default false;
alter table import_batch add column created_count integer;
alter table import_batch add column updated_count integer;
alter table import_chunk add column created_count integer not null default 0;
alter table import_chunk add column updated_count integer not null default 0;
alter table import_outcome add column action text check (action in ('CREATED', 'UPDATED'));
