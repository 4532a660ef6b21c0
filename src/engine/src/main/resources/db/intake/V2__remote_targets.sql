-- The schemas of remote targets, as read by introspection or from a file: every instance generates the same templates
-- from the newest version, and a target that cannot be reached at start still has its templates.
create table target_schema (
    target text not null,
    version integer not null,
    hash text not null,
    sdl text not null,
    source text not null check (source in ('INTROSPECTION', 'FILE')),
    read_at timestamptz not null,
    checked_at timestamptz not null,
    primary key (target, version)
);

-- What the last attempt to reach each target found.
create table target_state (
    target text primary key,
    reachable boolean not null,
    problem text,
    checked_at timestamptz not null
);
