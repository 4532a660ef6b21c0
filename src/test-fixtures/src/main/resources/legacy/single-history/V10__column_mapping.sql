-- Column mapping (the MAPPING step). A batch keeps the matcher's proposal for its file's columns, and the mapping
-- it ran with: the proposal when it was confident enough, or what a person chose with mapColumns.
alter table import_batch add column mapping_proposal jsonb;
alter table import_batch add column mapping jsonb;
-- The upload asked for its mapping to be reviewed by a person, however sure the proposal (mapping=review).
alter table import_batch add column mapping_review boolean not null default false;

-- Mappings an organisation saved, by template and the exact set of a file's headers, so that the next file with
-- the same headers skips MAPPING.
create table saved_mapping (
    organisation text not null,
    template text not null,
    header_signature text not null,
    columns jsonb not null,
    value_maps jsonb not null default '{}',
    batch_id uuid not null,
    saved_by text not null,
    saved_at timestamptz not null,
    primary key (organisation, template, header_signature)
);

-- Per header, what the organisation mapped it to before for a template (a null reference: ignored).
create table header_memory (
    organisation text not null,
    template text not null,
    header_key text not null,
    reference text,
    batch_id uuid not null,
    times integer not null,
    primary key (organisation, template, header_key)
);
