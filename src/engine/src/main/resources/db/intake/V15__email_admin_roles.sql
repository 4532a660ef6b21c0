-- Email intake, continued. The roles each admin's token showed last, per organisation: a rule saved by an admin whose
-- token has since lacked the import role refuses mail. Intake sees roles only in the tokens it is sent, so a change
-- counts from that admin's next request.
create table email_admin_roles (
    organisation text not null,
    user_name text not null,
    roles text[] not null,
    seen_at timestamptz not null,
    primary key (organisation, user_name)
);

-- The reply to a message is found from any of its batches.
create index email_message_batches_idx on email_message using gin (batches);

-- A rule may pin the saved mapping a batch made: its attachments must have exactly those headers, and run with it.
alter table email_rule add column mapping_batch uuid;
alter table email_rule add column mapping_signature text;
