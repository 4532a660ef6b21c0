-- A saved mapping keeps its lookup policies too (what happens when a lookup column's value matches no record:
-- FAIL, BLANK, CREATE or MAP), by field reference, so the next file with the same headers runs with them.
alter table saved_mapping add column lookup_policies jsonb not null default '{}';
