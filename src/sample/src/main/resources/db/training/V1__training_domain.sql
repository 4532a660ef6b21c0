-- The sample domain: a training company's accounts, contacts, locations, currencies, course templates, events and
-- their prices. Every business record belongs to an organisation, and uniqueness holds within one.
--
-- This is the domain as the last release with one migration history for engine and sample left it (that history's
-- V1, V3, V4 and V7, without what they did to the engine's tables), with the same names. On a database that release
-- migrated, Flyway finds the tables and no training_schema_history, and counts this script as applied
-- (quarkus.flyway.baseline-on-migrate).

create sequence account_id_seq increment by 50;
create table account (
    id bigint primary key,
    name text not null,
    website text,
    organisation text not null,
    parent_id bigint references account (id)
);
create unique index account_name_key on account (organisation, name);

-- Contacts are imported by the hundred thousand: each worker reserves 500 IDs per round trip, one per chunk of the
-- engine's default size. Contact.id's allocationSize matches.
create sequence contact_id_seq increment by 500;
create table contact (
    id bigint primary key,
    first_name text not null,
    last_name text not null,
    email_address text not null,
    phone text,
    status text not null check (status in ('ACTIVE', 'INACTIVE', 'LEAD')),
    account_id bigint not null references account (id),
    organisation text not null,
    -- the values of the organisation's custom fields (defined in the engine's intake.custom_field)
    custom_fields jsonb not null default '{}'
);
create unique index contact_email_address_key on contact (organisation, lower(email_address));
create index contact_account_id_idx on contact (account_id);

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
