-- The sample business domain: a training company's accounts and contacts.
create sequence account_id_seq increment by 50;
create table account (
    id bigint primary key,
    name text not null,
    website text
);
create unique index account_name_key on account (name);

create sequence contact_id_seq increment by 50;
create table contact (
    id bigint primary key,
    first_name text not null,
    last_name text not null,
    email_address text not null,
    phone text,
    status text not null check (status in ('ACTIVE', 'INACTIVE', 'LEAD')),
    account_id bigint not null references account (id)
);
create unique index contact_email_address_key on contact (lower(email_address));
create index contact_account_id_idx on contact (account_id);
