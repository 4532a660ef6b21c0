-- Imports by email, for applications that add the email module: each organisation's settings, its secret inbound
-- addresses (the current one, and rotated ones until their grace period ends), the rules that choose a template, and
-- every message read from the mailbox, recorded before it is acted on so that it is imported once.
create table email_settings (
    organisation text primary key,
    -- addresses, or @domain patterns; an empty list refuses all mail
    allowed_senders text[] not null default '{}',
    -- whether the trusted Authentication-Results header must show DMARC pass, or SPF or DKIM pass aligned with From
    require_authentication boolean not null default false,
    replies boolean not null default true,
    -- where replies go; null for the sender
    reply_to text,
    updated_by text not null,
    updated_at timestamptz not null
);

create table email_address (
    token text primary key,
    organisation text not null,
    created_at timestamptz not null,
    -- when a rotation replaced it; it is refused once the grace period after that has passed
    retired_at timestamptz
);
create index email_address_organisation_idx on email_address (organisation, created_at desc);

create table email_rule (
    id uuid primary key,
    organisation text not null,
    position integer not null,
    -- a glob on the attachment's file name, such as *.csv, and a case-insensitive text the subject contains
    filename_pattern text,
    subject_pattern text,
    template text not null,
    dry_run boolean not null default false,
    -- the batches run as the admin who saved the rule, with the roles that admin had then
    saved_by text not null,
    saved_by_roles text[] not null,
    saved_at timestamptz not null
);
create index email_rule_organisation_idx on email_rule (organisation, position);

create table email_message (
    id uuid primary key,
    uid_validity bigint not null,
    uid bigint not null,
    sha256 text not null,
    organisation text,
    message_id text,
    sender text,
    recipient text,
    subject text,
    received_at timestamptz,
    status text not null check (status in ('ACCEPTED', 'REJECTED')),
    reason text,
    -- whether a rejection may be answered: its sender is allowed, and authenticated where the settings require it
    answerable boolean not null default false,
    batches uuid[] not null default '{}',
    replied_at timestamptz,
    recorded_at timestamptz not null
);
create unique index email_message_uid_key on email_message (uid_validity, uid);
create unique index email_message_sha256_key on email_message (sha256);
create index email_message_organisation_idx on email_message (organisation, recorded_at desc);
