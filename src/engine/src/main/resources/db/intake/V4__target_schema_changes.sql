-- What changed from a target's previous schema version to this one, a line per change, as graphql-java's schema diff
-- reports it; null for a target's first version.
alter table target_schema add column changes text;
