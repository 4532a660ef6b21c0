-- A contact's optional manager, another contact of the same organisation, given by email address on import. A
-- manager deleted (a rollback of the import that created them) leaves the contacts they managed without one.
alter table contact add column manager_id bigint references contact (id) on delete set null;
create index contact_manager_id_idx on contact (manager_id) where manager_id is not null;
